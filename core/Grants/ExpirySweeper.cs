using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using UnitPay.Core.Storage;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Grants;

/// <summary>
/// Closes expired grants with an EXPIRE / EXPIRATION entry, and releases holds past their time-to-live with a
/// RELEASE / HOLD_EXPIRED entry. Grants with an expiry and holds are listed in an index by the hour
/// they expire in, so the sweep reads only what is due instead of scanning wallets. Deduction never spends an
/// expired grant even before the sweep has closed it (the wallet engine expires due grants and holds first on every
/// change).
/// A failure on one wallet is logged and left in the index for the next run; it does not stop the others.
/// </summary>
public sealed partial class ExpirySweeper(StorageAccount storage, WalletEngine engine, TimeProvider clock, ILogger<ExpirySweeper> logger)
{
    private readonly TableClient _index = storage.Table(TableNames.ExpiryIndex);

    /// <summary>
    /// Lists the expiry of a grant or a hold. Idempotent; written before the object, so anything with an expiry is
    /// always listed (a listing whose object was never written costs one wallet visit, nothing else).
    /// </summary>
    public async Task ListAsync(string walletId, string objectId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var row = new TableEntity(Bucket(expiresAt), walletId + "|" + objectId) { ["ExpiresAt"] = expiresAt };
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
                // Each transaction closes at most a budget's worth; go on until a pass finds nothing left to close.
                var closed = 0;
                for (var pass = 0; pass < MaxPassesPerWallet; pass++)
                {
                    var entries = await engine.MutateAsync(
                        walletId,
                        (session, _) => session.HeadChanged ? session.NewEntries.Count + session.TouchedHolds.Count() + session.TouchedGrants.Count() : 0,
                        cancellationToken);
                    if (entries == 0)
                    {
                        break;
                    }

                    closed += entries;
                }

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

    private const int MaxPassesPerWallet = 100;

    private static string Bucket(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Expiry sweep of wallet {WalletId} closed grants and holds ({Changes} rows changed)")]
    private static partial void LogSwept(ILogger logger, string walletId, int changes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiry sweep of wallet {WalletId} failed; it will be retried on the next run")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string walletId);
}
