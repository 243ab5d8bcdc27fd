using Azure;
using Azure.Data.Tables;
using UnitPay.Core.Storage;

namespace UnitPay.Core.TopUps;

/// <summary>
/// The attempts the sweeper must look at: every attempt created <c>pending</c> is listed here before it is written (so an
/// attempt is never unlisted), and the sweeper removes it once settled. One partition; a row's <c>NotBefore</c> is when it
/// is next due, and moving it under the row's ETag is how a sweeper <em>claims</em> the attempt: of two sweepers that read
/// the same row, one claim wins and the other meets 412 and leaves it. A claim is a lease: a sweeper killed half-way
/// leaves a row that falls due again when the lease ends.
/// </summary>
public sealed class TopUpSweepIndex(StorageAccount storage)
{
    private const string Partition = "sweep";
    private readonly TableClient _table = storage.Table(TableNames.TopUpSweepIndex);

    /// <summary>Lists an attempt (idempotent).</summary>
    public async Task ListAsync(string orgId, string attemptId, DateTimeOffset notBefore, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new TableEntity(Partition, orgId + "|" + attemptId) { ["NotBefore"] = notBefore }, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Up to <paramref name="max"/> entries due at <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<TopUpSweepEntry>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and NotBefore le {now}");
        var due = new List<TopUpSweepEntry>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            var cut = row.RowKey.IndexOf('|', StringComparison.Ordinal);
            due.Add(new TopUpSweepEntry(row.RowKey[..cut], row.RowKey[(cut + 1)..], row.GetDateTimeOffset("NotBefore") ?? now, row.GetInt32("Resumes") ?? 0, row.ETag));
            if (due.Count == max)
            {
                break;
            }
        }

        return due;
    }

    /// <summary>Claims an entry until <paramref name="until"/>: the claimed entry, or null when another sweeper moved it first.</summary>
    public async Task<TopUpSweepEntry?> TryClaimAsync(TopUpSweepEntry entry, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return await TryMoveAsync(entry, until, entry.Resumes, cancellationToken);
    }

    /// <summary>Sets when the entry is next due (and its resume count), if the claim still holds; null when it does not.</summary>
    public async Task<TopUpSweepEntry?> TryMoveAsync(TopUpSweepEntry entry, DateTimeOffset notBefore, int resumes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            var response = await _table.UpdateEntityAsync(
                new TableEntity(Partition, entry.OrgId + "|" + entry.AttemptId) { ["NotBefore"] = notBefore, ["Resumes"] = resumes },
                entry.ETag,
                TableUpdateMode.Replace,
                cancellationToken);
            return entry with { NotBefore = notBefore, Resumes = resumes, ETag = response.Headers.ETag ?? ETag.All };
        }
        catch (RequestFailedException e) when (StorageFailure.Classify(e) is StorageFailureKind.Conflict or StorageFailureKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>Removes the entry if the claim still holds (an attempt that is settled needs no more sweeping).</summary>
    public async Task RemoveAsync(TopUpSweepEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            await _table.DeleteEntityAsync(Partition, entry.OrgId + "|" + entry.AttemptId, entry.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (StorageFailure.Classify(e) is StorageFailureKind.Conflict or StorageFailureKind.NotFound)
        {
            // Another sweeper holds it now (our lease ran out): it decides.
        }
    }
}
