using Azure.Data.Tables;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Usage;

/// <summary>
/// Events the worker could not charge to any wallet (unknown customer or feature, malformed event from a direct
/// producer): recorded, so they can be looked up, rather than dropped.
/// </summary>
public sealed class UsageRejectionStore(StorageAccount storage, TimeProvider clock)
{
    private readonly TableClient _table = storage.Table(TableNames.UsageRejections);

    /// <summary>
    /// The row key of an event's rejection: its id, or, for an id storage refuses in a key (a direct producer's
    /// malformed event id), an id derived from it, so the rejection is still recorded instead of failing the message.
    /// </summary>
    public static string RowKeyOf(string eventId) =>
        TableKeys.IsValid(eventId) ? eventId : Ids.Derived(IdPrefixes.Event, "rejected", eventId);

    public async Task RecordAsync(string orgId, string eventId, string? customerId, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        ArgumentNullException.ThrowIfNull(message);
        var entity = new TableEntity(orgId, RowKeyOf(eventId))
        {
            ["EventId"] = eventId.Length > 1000 ? eventId[..1000] : eventId,
            ["CustomerId"] = customerId is { Length: > 1000 } ? customerId[..1000] : customerId,
            ["Reason"] = reason,
            ["Message"] = message.Length > 1000 ? message[..1000] : message,
            ["RecordedAt"] = clock.GetUtcNow(),
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<(string Reason, string Message)?> FindAsync(string orgId, string eventId, CancellationToken cancellationToken)
    {
        if (!TableKeys.AreValid(orgId, eventId))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync<TableEntity>(orgId, eventId, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? (row.Value.GetString("Reason"), row.Value.GetString("Message")) : null;
    }
}
