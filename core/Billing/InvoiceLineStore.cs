using Azure;
using Azure.Data.Tables;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Billing;

/// <summary>
/// Invoice lines, one partition per organization, listed by customer (row key <c>{customerId}|{lineId}</c>). A line's
/// id derives from what it bills, and adding is an insert: the same line added twice is stored once.
/// </summary>
public sealed class InvoiceLineStore(StorageAccount storage)
{
    private readonly TableClient _table = storage.Table(TableNames.InvoiceLines);

    /// <summary>The id of the line that bills <paramref name="parts"/> (for example a subscription and a period start).</summary>
    public static string IdFor(params string[] parts) => Ids.Derived("inl", parts);

    /// <summary>Adds the line unless a line with its id exists; returns the stored line either way.</summary>
    public async Task<InvoiceLine> AddAsync(string orgId, InvoiceLine line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        var key = line.CustomerId + "|" + line.Id;
        try
        {
            await _table.AddEntityAsync(JsonRows.ToEntity(orgId, key, line), cancellationToken);
            return line;
        }
        catch (RequestFailedException e) when (StorageFailure.IsAlreadyExists(e))
        {
            return await JsonRows.ReadAsync<InvoiceLine>(_table, orgId, key, cancellationToken)
                ?? throw new InvalidOperationException($"Invoice line {line.Id} exists but cannot be read.");
        }
    }

    /// <summary>The customer's lines, oldest first.</summary>
    public async Task<IReadOnlyList<InvoiceLine>> ListAsync(string orgId, string customerId, CancellationToken cancellationToken) =>
        [.. (await JsonRows.ListAsync<InvoiceLine>(_table, orgId, customerId + "|", cancellationToken)).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id, StringComparer.Ordinal)];
}
