using Azure;
using Azure.Data.Tables;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Packages;

/// <summary>
/// Credit packages, one partition per organization, row key <c>cpkg|{id}</c>. Ids sort by creation time, so a page is a
/// range read after the cursor (the last row key shown). Archiving is an ETag-guarded replace.
/// </summary>
public sealed class CreditPackageStore(StorageAccount storage)
{
    private const string Prefix = "cpkg|";
    private readonly TableClient _table = storage.Table(TableNames.CreditPackages);

    public async Task CreateAsync(string orgId, CreditPackage package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        await _table.AddEntityAsync(ToEntity(orgId, package), cancellationToken);
    }

    public async Task<(CreditPackage Package, ETag ETag)?> ReadAsync(string orgId, string id, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(orgId, Prefix + id, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? (JsonRows.FromEntity<CreditPackage>(row.Value), row.Value.ETag) : null;
    }

    /// <summary>Replaces the package if unchanged since <paramref name="etag"/>; a 412 (someone else changed it) throws.</summary>
    public async Task ReplaceAsync(string orgId, CreditPackage package, ETag etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        await _table.UpdateEntityAsync(ToEntity(orgId, package), etag, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Up to <paramref name="limit"/> packages after <paramref name="cursor"/> (the last package id of the previous page), oldest first; the cursor of the next page or null.</summary>
    public async Task<(IReadOnlyList<CreditPackage> Packages, string? Next)> ListAsync(string orgId, string? cursor, int limit, bool includeArchived, CancellationToken cancellationToken)
    {
        var after = cursor is null ? Prefix : Prefix + cursor;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {orgId} and RowKey gt {after} and RowKey lt {Prefix[..^1] + "}"}");
        if (!includeArchived)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {CreditPackage.Active}");
        }

        var packages = new List<CreditPackage>(limit);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: limit + 1, cancellationToken: cancellationToken))
        {
            if (packages.Count == limit)
            {
                return (packages, packages[^1].Id);
            }

            packages.Add(JsonRows.FromEntity<CreditPackage>(row));
        }

        return (packages, null);
    }

    private static TableEntity ToEntity(string orgId, CreditPackage package)
    {
        var entity = JsonRows.ToEntity(orgId, Prefix + package.Id, package);
        entity["Status"] = package.Status;
        return entity;
    }
}
