using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Customers;

/// <summary>Customers, one partition per organization, addressable by id or by external id (an index row written in the same transaction).</summary>
public sealed class CustomerStore(StorageAccount storage)
{
    private readonly TableClient _table = storage.Table(TableNames.Customers);

    /// <summary>
    /// The row key of a customer's external-id index row. An external id that storage accepts in a key is kept as it
    /// is (<c>ext|{externalId}</c>: how every customer was keyed before external ids could hold <c>/ \ # ?</c>, so
    /// stored rows keep working); one holding a character keys forbid is keyed by its SHA-256 instead
    /// (<c>exth|{base64url}</c>, 48 characters). The two forms cannot meet: a plain key never starts with <c>exth|</c>.
    /// </summary>
    public static string ExternalIdRowKey(string externalId)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        var plain = "ext|" + externalId;
        if (TableKeys.IsValid(plain))
        {
            return plain;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(externalId));
        return "exth|" + Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Inserts the customer; false when its external id is taken. The external id must pass <see cref="IdRules.ValidateExternalId"/>.</summary>
    public async Task<bool> TryCreateAsync(string orgId, Customer customer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, JsonRows.ToEntity(orgId, "cus|" + customer.Id, customer)),
        };
        if (customer.ExternalId is { } external)
        {
            if (!IdRules.IsValidExternalId(external))
            {
                throw new ArgumentException("The customer's externalId breaks IdRules; validate it at the edge.", nameof(customer));
            }

            actions.Add(new(TableTransactionActionType.Add, JsonRows.ToEntity(orgId, ExternalIdRowKey(external), customer)));
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
        if (!TableKeys.IsValid("cus|" + customerId))
        {
            return null;
        }

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
            actions.Add(new(TableTransactionActionType.UpsertReplace, JsonRows.ToEntity(orgId, ExternalIdRowKey(external), customer)));
        }

        await _table.SubmitTransactionAsync(actions, cancellationToken);
    }

    /// <summary>
    /// Finds a customer by its <c>cus_</c> id, or else by the caller's external id. Whatever the text, the key read is
    /// one storage accepts (<see cref="ExternalIdRowKey"/>), so an odd reference is a miss, never a storage error.
    /// </summary>
    public async Task<Customer?> FindAsync(string orgId, string idOrExternalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idOrExternalId);
        if (Ids.HasPrefix(idOrExternalId, IdPrefixes.Customer))
        {
            // A well-formed cus_ id is never an external id (IdRules refuses such external ids).
            return await JsonRows.ReadAsync<Customer>(_table, orgId, "cus|" + idOrExternalId, cancellationToken);
        }

        if (idOrExternalId.Length is 0 or > IdRules.MaxExternalIdLength)
        {
            return null; // longer than any external id: no customer has it (and no storage request is spent on it)
        }

        var found = await JsonRows.ReadAsync<Customer>(_table, orgId, ExternalIdRowKey(idOrExternalId), cancellationToken);
        return found is not null && string.Equals(found.ExternalId, idOrExternalId, StringComparison.Ordinal) ? found : null;
    }
}
