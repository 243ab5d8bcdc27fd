using Azure;
using Azure.Data.Tables;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Webhooks;

/// <summary>Webhook endpoints, one partition per organization (a fan-out reads one partition); the secret stored protected beside each.</summary>
public sealed class WebhookEndpointStore
{
    private readonly TableClient _table;
    private readonly Polly.ResiliencePipeline _transient;

    public WebhookEndpointStore(StorageAccount storage, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _table = storage.Table(TableNames.WebhookEndpoints);
        _transient = StorageResilience.Transient(clock);
    }

    public async Task CreateAsync(WebhookEndpoint endpoint, string protectedSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var row = new TableEntity(endpoint.OrgId, endpoint.Id)
        {
            ["Url"] = endpoint.Url,
            ["EventTypes"] = string.Join(',', endpoint.EventTypes),
            ["Description"] = endpoint.Description,
            ["CreatedAt"] = endpoint.CreatedAt,
            ["Secret"] = protectedSecret,
        };
        await _transient.ExecuteAsync(async ct => await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct), cancellationToken);
    }

    /// <summary>The endpoint and its stored (protected) secret, or null.</summary>
    public async Task<(WebhookEndpoint Endpoint, string ProtectedSecret)?> GetAsync(string orgId, string endpointId, CancellationToken cancellationToken)
    {
        if (!TableKeys.AreValid(orgId, endpointId))
        {
            return null;
        }

        var row = await _transient.ExecuteAsync(
            async ct => await _table.GetEntityIfExistsAsync<TableEntity>(orgId, endpointId, cancellationToken: ct),
            cancellationToken);
        return row.HasValue && row.Value is { } e ? (ToEndpoint(e), e.GetString("Secret")) : null;
    }

    /// <summary>Every endpoint of the organization, oldest first (ids sort by creation).</summary>
    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(string orgId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {orgId}");
        return await _transient.ExecuteAsync(async ct =>
        {
            var endpoints = new List<WebhookEndpoint>();
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "Url", "EventTypes", "Description", "CreatedAt"], cancellationToken: ct))
            {
                endpoints.Add(ToEndpoint(row));
            }

            return endpoints;
        }, cancellationToken);
    }

    /// <summary>Removes the endpoint; false when there was none. Deliveries already queued for it are dropped when they come up.</summary>
    public async Task<bool> DeleteAsync(string orgId, string endpointId, CancellationToken cancellationToken)
    {
        if (!TableKeys.AreValid(orgId, endpointId))
        {
            return false;
        }

        if (await GetAsync(orgId, endpointId, cancellationToken) is null)
        {
            return false;
        }

        await _transient.ExecuteAsync(async ct => await _table.DeleteEntityAsync(orgId, endpointId, ETag.All, ct), cancellationToken);
        return true;
    }

    private static WebhookEndpoint ToEndpoint(TableEntity e) => new()
    {
        Id = e.RowKey,
        OrgId = e.PartitionKey,
        Url = e.GetString("Url"),
        EventTypes = e.GetString("EventTypes").Split(',', StringSplitOptions.RemoveEmptyEntries),
        Description = e.GetString("Description"),
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
    };
}
