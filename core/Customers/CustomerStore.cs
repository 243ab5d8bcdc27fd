using Azure;
using Azure.Data.Tables;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Customers;

/// <summary>Customers, one partition per organization, addressable by id or by external id (an index row written in the same transaction).</summary>
public sealed class CustomerStore(StorageAccount storage)
{
    private readonly TableClient _table = storage.Table(TableNames.Customers);

    /// <summary>Inserts the customer; false when its external id is taken.</summary>
    public async Task<bool> TryCreateAsync(string orgId, Customer customer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, JsonRows.ToEntity(orgId, "cus|" + customer.Id, customer)),
        };
        if (customer.ExternalId is { } external)
        {
            actions.Add(new(TableTransactionActionType.Add, JsonRows.ToEntity(orgId, "ext|" + external, customer)));
        }

        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is RequestFailedException && StorageFailure.IsAlreadyExists(e))
        {
            return false;
        }
    }

    /// <summary>The customer (by <c>cus_</c> id) with the ETag that guards its next change, or null.</summary>
    public async Task<(Customer Customer, ETag ETag)?> ReadAsync(string orgId, string customerId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(orgId, "cus|" + customerId, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? (JsonRows.FromEntity<Customer>(row.Value), row.Value.ETag) : null;
    }

    /// <summary>
    /// Replaces the customer if it is unchanged since <paramref name="etag"/> (its external-id row, a copy, in the same
    /// transaction). Throws a 412 <see cref="TableTransactionFailedException"/> when someone else changed it: re-read and re-apply.
    /// </summary>
    public async Task ReplaceAsync(string orgId, Customer customer, ETag etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, JsonRows.ToEntity(orgId, "cus|" + customer.Id, customer), etag),
        };
        if (customer.ExternalId is { } external)
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, JsonRows.ToEntity(orgId, "ext|" + external, customer)));
        }

        await _table.SubmitTransactionAsync(actions, cancellationToken);
    }

    /// <summary>Finds a customer by its <c>cus_</c> id, or else by the caller's external id.</summary>
    public async Task<Customer?> FindAsync(string orgId, string idOrExternalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idOrExternalId);
        if (Ids.HasPrefix(idOrExternalId, "cus"))
        {
            var byId = await JsonRows.ReadAsync<Customer>(_table, orgId, "cus|" + idOrExternalId, cancellationToken);
            if (byId is not null)
            {
                return byId;
            }
        }

        return await JsonRows.ReadAsync<Customer>(_table, orgId, "ext|" + idOrExternalId, cancellationToken);
    }
}
