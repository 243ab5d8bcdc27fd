using System.Diagnostics;
using Azure.Data.Tables;
using UnitPay.Benchmarks.Support;
using UnitPay.Core.Ledger;
using UnitPay.Core.Storage;
using UnitPay.Core.Wallets;
using UnitPay.Testing;

namespace UnitPay.Benchmarks.Phases;

/// <summary>
/// What Azurite can take at most: 100-entity batch inserts into one partition, with no read and no ETag. The rows are
/// the engine's own (ledger entries and event markers, through the same mapper), so the comparison is like for like.
/// </summary>
internal static class AzuriteCeiling
{
    public const int BatchSize = WalletStore.MaxOperationsPerTransaction;

    public static async Task<CeilingFigures> MeasureAsync(string connectionString, TimeSpan duration, int writers)
    {
        var storage = new StorageAccount(new StorageOptions { ConnectionString = connectionString, TablePrefix = StorageNamespace.Fresh().TablePrefix });
        var table = storage.Table(TableNames.Wallets);
        await table.CreateIfNotExistsAsync();
        var rows = new RowSource();
        await table.SubmitTransactionAsync(rows.Batch()); // warm the connection up

        var (sequential, latencies) = await InsertForAsync(table, rows, 1, duration);
        Progress.Say($"  1 writer: {sequential:N0} entities/s (a 100-entity batch takes {latencies.P50:0.0} ms at p50)");
        var (concurrent, _) = await InsertForAsync(table, rows, writers, duration);
        Progress.Say($"  {writers} writers: {concurrent:N0} entities/s");
        return new CeilingFigures(sequential, concurrent, writers, latencies.P50);
    }

    private static async Task<(double EntitiesPerSecond, Latencies BatchLatencies)> InsertForAsync(TableClient table, RowSource rows, int writers, TimeSpan duration)
    {
        var entities = 0L;
        var latencies = new Latencies();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                var batch = rows.Batch();
                var started = clock.Elapsed;
                await table.SubmitTransactionAsync(batch);
                latencies.Add(clock.Elapsed - started);
                Interlocked.Add(ref entities, batch.Count);
            }
        }));
        return (entities / clock.Elapsed.TotalSeconds, latencies);
    }

    /// <summary>Batches of fresh rows for one wallet partition: half ledger entries, half event markers.</summary>
    private sealed class RowSource
    {
        private const string WalletId = "cacc_ceiling";
        private long _sequence;

        public List<TableTransactionAction> Batch()
        {
            var now = DateTimeOffset.UtcNow;
            var actions = new List<TableTransactionAction>(BatchSize);
            for (var i = 0; i < BatchSize / 2; i++)
            {
                var sequence = Interlocked.Increment(ref _sequence);
                var eventId = "evt_ceiling" + sequence;
                var entry = DebitRows.Entry(sequence, 1_000_000 - sequence, 1, "grant_ceiling", "ceiling", eventId, now);
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, WalletRows.ToEntity(WalletId, entry)));
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, WalletRows.ToEntity(WalletId, DebitRows.Marker(entry, now))));
            }

            return actions;
        }
    }
}
