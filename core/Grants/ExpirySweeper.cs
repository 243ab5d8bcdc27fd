using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using UnitPay.Core.Storage;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Grants;

/// <summary>
/// Closes expired grants with an EXPIRE / EXPIRATION entry. Grants with an expiry are listed in an index by the hour
/// they expire in, so the sweep reads only what is due instead of scanning wallets. Deduction never spends an
/// expired grant even before the sweep has closed it (the wallet engine expires due grants first on every change).
/// A failure on one wallet is logged and left in the index for the next run; it does not stop the others.
/// </summary>
public sealed partial class ExpirySweeper(StorageAccount storage, WalletEngine engine, TimeProvider clock, ILogger<ExpirySweeper> logger)
{
    private readonly TableClient _index = storage.Table(TableNames.ExpiryIndex);

    /// <summary>Lists a grant's expiry. Idempotent; written before the grant, so a grant with an expiry is always listed.</summary>
    public async Task ListAsync(string walletId, string grantId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var row = new TableEntity(Bucket(expiresAt), walletId + "|" + grantId) { ["ExpiresAt"] = expiresAt };
        await _index.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Closes every grant whose expiry is due. Returns the number of wallets visited and those that failed.</summary>
    public async Task<(int Wallets, int Failed)> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {Bucket(now)}");
        var due = new Dictionary<string, List<TableEntity>>(StringComparer.Ordinal);
        await foreach (var row in _index.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (row.GetDateTimeOffset("ExpiresAt") is { } at && at > now)
            {
                continue; // in this hour's bucket, but not due yet
            }

            var walletId = row.RowKey[..row.RowKey.IndexOf('|', StringComparison.Ordinal)];
            if (!due.TryGetValue(walletId, out var rows))
            {
                due[walletId] = rows = [];
            }

            rows.Add(row);
        }

        var failed = 0;
        foreach (var (walletId, rows) in due)
        {
            try
            {
                var closed = await engine.MutateAsync(walletId, (session, _) => session.NewEntries.Count, cancellationToken);
                foreach (var row in rows)
                {
                    await _index.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                }

                LogSwept(logger, walletId, closed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed++;
                LogSweepFailed(logger, e, walletId);
            }
        }

        return (due.Count, failed);
    }

    private static string Bucket(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Expiry sweep of wallet {WalletId} wrote {Entries} EXPIRE entries")]
    private static partial void LogSwept(ILogger logger, string walletId, int entries);

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiry sweep of wallet {WalletId} failed; it will be retried on the next run")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string walletId);
}
