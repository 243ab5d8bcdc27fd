using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using UnitPay.Core.Faults;
using UnitPay.Core.Storage;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Grants;

/// <summary>
/// Closes expired grants with an EXPIRE / EXPIRATION entry, and releases holds past their time-to-live with a
/// RELEASE / HOLD_EXPIRED entry. Grants with an expiry and holds are listed in an index by the hour they expire in,
/// so the sweep reads only what is due instead of scanning wallets. Deduction never spends an expired grant even
/// before the sweep has closed it (the wallet engine expires due grants and holds first on every change).
/// A failure on one wallet is logged and left in the index for the next run; it does not stop the others.
/// Grants that await rollover are not listed: the cycle transition closes them (see <see cref="Grant.AwaitsRollover"/>).
/// </summary>
public sealed partial class ExpirySweeper(StorageAccount storage, WalletEngine engine, TimeProvider clock, ILogger<ExpirySweeper> logger, IFaultInjector? faults = null)
{
    /// <summary>Rows read per page: the sweep works through the index a page at a time, never loading all of it.</summary>
    public const int PageSize = 1000;

    private readonly TableClient _index = storage.Table(TableNames.ExpiryIndex);

    /// <summary>
    /// Lists the expiry of a grant or a hold. Idempotent; written before the object, so anything with an expiry is
    /// always listed (a listing whose object was never written costs one wallet visit, nothing else).
    /// </summary>
    public async Task ListAsync(string walletId, string objectId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var row = new TableEntity(HourBuckets.Of(expiresAt), walletId + "|" + objectId) { ["ExpiresAt"] = expiresAt };
        await _index.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Closes every grant whose expiry is due. Returns the number of wallets visited and those that failed.</summary>
    public async Task<(int Wallets, int Failed)> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {HourBuckets.Of(now)}");
        int visited = 0, failed = 0;
        await foreach (var page in _index.QueryAsync<TableEntity>(filter, maxPerPage: PageSize, cancellationToken: cancellationToken).AsPages())
        {
            var due = page.Values
                .Where(row => row.GetDateTimeOffset("ExpiresAt") is not { } at || at <= now) // a bucket holds its whole hour
                .GroupBy(row => row.RowKey[..row.RowKey.IndexOf('|', StringComparison.Ordinal)], StringComparer.Ordinal);
            foreach (var rows in due)
            {
                if (visited > 0)
                {
                    faults?.Hit(FaultPoint.ExpirySweepMidRun);
                }

                visited++;
                failed += await SweepWalletAsync(rows.Key, rows, cancellationToken) ? 0 : 1;
            }
        }

        return (visited, failed);
    }

    private async Task<bool> SweepWalletAsync(string walletId, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        try
        {
            var closed = await engine.CloseDueAsync(walletId, cancellationToken);
            foreach (var row in rows)
            {
                await _index.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            }

            LogSwept(logger, walletId, closed);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException and not InjectedCrashException)
        {
            LogSweepFailed(logger, e, walletId);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expiry sweep of wallet {WalletId} closed {Closed} grants and holds")]
    private static partial void LogSwept(ILogger logger, string walletId, int closed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiry sweep of wallet {WalletId} failed; it will be retried on the next run")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string walletId);
}
