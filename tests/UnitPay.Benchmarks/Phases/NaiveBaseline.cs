using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;
using UnitPay.Benchmarks.Support;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Storage;
using UnitPay.Core.Wallets;
using UnitPay.Testing;

namespace UnitPay.Benchmarks.Phases;

/// <summary>
/// What a wallet does without group commit: one event per read-and-write. Each event reads the head, then writes
/// head + ledger entry + event marker in one transaction with If-Match on the head's ETag; a lost race (412) reads again,
/// through the engine's own retry policy. The wallet and its grant are made by the engine, and the rows by its mapper,
/// so the same audit reads it (the grant row is never drawn down: this writer keeps the balance on the head).
/// </summary>
internal static class NaiveBaseline
{
    public static async Task<(NaiveFigures Figures, AuditOutcome Audit)> RunAsync(string connectionString, int workers, TimeSpan duration)
    {
        var ns = StorageNamespace.Fresh();
        var worker = new EngineWorker(new StorageOptions { ConnectionString = connectionString, TablePrefix = ns.TablePrefix, UsageQueueName = ns.UsageQueue });
        await worker.Storage.EnsureCreatedAsync(CancellationToken.None);
        var (walletId, grantId) = await CreateWalletAsync(worker.Engine, "cus_naive" + workers);
        var table = worker.Storage.Table(TableNames.Wallets);
        var retry = StorageResilience.OptimisticConcurrency(TimeProvider.System, maxAttempts: 10_000);

        var sent = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var conflicts = 0L;
        var next = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                var n = Interlocked.Increment(ref next);
                var eventId = $"evt_naive{n:D8}";
                var cost = 1 + (n % 3);
                await retry.ExecuteAsync(async ct =>
                {
                    try
                    {
                        await ApplyOneAsync(table, walletId, grantId, eventId, cost, ct);
                    }
                    catch (TableTransactionFailedException e) when (StorageFailure.IsConflict(e))
                    {
                        Interlocked.Increment(ref conflicts);
                        throw;
                    }
                });
                sent[eventId] = cost;
            }
        }));
        var figures = new NaiveFigures(workers, sent.Count, clock.Elapsed, conflicts);
        Progress.Say($"  {workers} worker(s): {figures.EventsPerSecond:N0} events/s, {figures.AttemptsPerEvent:0.0} write attempts per event");
        var audit = await AuditOutcome.RunAsync(
            $"naive baseline ({workers} workers)",
            worker.Store,
            new Dictionary<string, IReadOnlyDictionary<string, long>> { [walletId] = sent },
            grantsCarryBalance: false);
        return (figures, audit);
    }

    private static async Task ApplyOneAsync(TableClient table, string walletId, string grantId, string eventId, long cost, CancellationToken cancellationToken)
    {
        var row = (await table.GetEntityAsync<TableEntity>(walletId, WalletRows.HeadKey(walletId), cancellationToken: cancellationToken)).Value;
        var head = WalletRows.ToHead(row);
        var now = TimeProvider.System.GetUtcNow();
        var entry = DebitRows.Entry(head.LastSequence + 1, head.Balance, cost, grantId, "naive", eventId, now);
        var changed = head with { Balance = entry.BalanceAfter, LastSequence = entry.Sequence, UpdatedAt = now };
        await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpdateReplace, WalletRows.ToEntity(changed), row.ETag),
                new TableTransactionAction(TableTransactionActionType.Add, WalletRows.ToEntity(walletId, entry)),
                new TableTransactionAction(TableTransactionActionType.Add, WalletRows.ToEntity(walletId, DebitRows.Marker(entry, now))),
            ],
            cancellationToken);
    }

    private static async Task<(string WalletId, string GrantId)> CreateWalletAsync(WalletEngine engine, string customerId)
    {
        const string orgId = "org_naive";
        const string currencyId = "ccur_naive";
        var walletId = WalletDirectory.WalletIdFor(orgId, customerId, currencyId);
        var now = TimeProvider.System.GetUtcNow();
        await engine.EnsureWalletAsync(new WalletHead { WalletId = walletId, OrgId = orgId, CustomerId = customerId, CurrencyId = currencyId, CreatedAt = now, UpdatedAt = now }, CancellationToken.None);
        var grant = new Grant
        {
            Id = "grant_naive",
            Source = GrantSource.Manual,
            Amount = 1_000_000_000,
            Remaining = 1_000_000_000,
            Priority = 0,
            EffectiveAt = now,
            CreatedAt = now,
        };
        await engine.MutateAsync(walletId, (session, at) => session.AddGrant(grant, LedgerReason.Grant, at), CancellationToken.None);
        return (walletId, grant.Id);
    }
}
