using Azure.Data.Tables;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Usage;

/// <summary>
/// Events the worker could not charge to any wallet (unknown customer or feature, malformed event from a direct
/// producer): recorded, so they can be looked up, rather than dropped.
/// </summary>
public sealed class UsageRejectionStore(StorageAccount storage, TimeProvider clock)
{
    private readonly TableClient _table = storage.Table(TableNames.UsageRejections);

    public async Task RecordAsync(string orgId, string eventId, string? customerId, string reason, string message, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(orgId, eventId)
        {
            ["CustomerId"] = customerId,
            ["Reason"] = reason,
            ["Message"] = message.Length > 1000 ? message[..1000] : message,
            ["RecordedAt"] = clock.GetUtcNow(),
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<(string Reason, string Message)?> FindAsync(string orgId, string eventId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(orgId, eventId, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? (row.Value.GetString("Reason"), row.Value.GetString("Message")) : null;
    }
}
