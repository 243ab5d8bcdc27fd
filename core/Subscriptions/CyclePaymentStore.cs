using Azure;
using Azure.Data.Tables;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Subscriptions;

/// <summary>Cycle payments, in the subscriptions table beside their subscriptions (row <c>pay|{id}</c>): inserted once, then changed under their ETag.</summary>
public sealed class CyclePaymentStore(StorageAccount storage)
{
    private const string Prefix = "pay|";
    private readonly TableClient _table = storage.Table(TableNames.Subscriptions);

    /// <summary>Inserts the payment unless one with its id exists; returns the stored one either way.</summary>
    public async Task<CyclePayment> GetOrAddAsync(string orgId, CyclePayment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        try
        {
            await _table.AddEntityAsync(JsonRows.ToEntity(orgId, Prefix + payment.Id, payment), cancellationToken);
            return payment;
        }
        catch (RequestFailedException e) when (StorageFailure.IsAlreadyExists(e))
        {
            return (await ReadAsync(orgId, payment.Id, cancellationToken))?.Payment
                ?? throw new InvalidOperationException($"Cycle payment {payment.Id} exists but cannot be read.");
        }
    }

    public async Task<(CyclePayment Payment, ETag ETag)?> ReadAsync(string orgId, string id, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(orgId, Prefix + id, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? (JsonRows.FromEntity<CyclePayment>(row.Value), row.Value.ETag) : null;
    }

    /// <summary>Replaces the payment if unchanged since <paramref name="etag"/>; a 412 throws.</summary>
    public async Task ReplaceAsync(string orgId, CyclePayment payment, ETag etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        await _table.UpdateEntityAsync(JsonRows.ToEntity(orgId, Prefix + payment.Id, payment), etag, TableUpdateMode.Replace, cancellationToken);
    }
}
