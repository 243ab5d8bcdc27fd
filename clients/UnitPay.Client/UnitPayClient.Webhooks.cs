using System.Globalization;
using UnitPay.Client.Models;

namespace UnitPay.Client;

/// <content>Outbound webhooks: endpoints, their delivery log, and a credit account's low-balance threshold.</content>
public sealed partial class UnitPayClient
{
    /// <summary><c>POST /v1/webhook-endpoints</c>: the answer's <see cref="CreatedWebhookEndpoint.Secret"/> is shown this once.</summary>
    public Task<CreatedWebhookEndpoint> CreateWebhookEndpointAsync(CreateWebhookEndpointRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CreatedWebhookEndpoint>("webhook-endpoints", request ?? throw new ArgumentNullException(nameof(request)), cancellationToken);

    /// <summary><c>GET /v1/webhook-endpoints</c>.</summary>
    public Task<IReadOnlyList<WebhookEndpoint>> ListWebhookEndpointsAsync(CancellationToken cancellationToken = default) =>
        ListAsync<WebhookEndpoint>("webhook-endpoints", "endpoints", cancellationToken);

    /// <summary><c>GET /v1/webhook-endpoints/{id}</c>.</summary>
    public Task<WebhookEndpoint> GetWebhookEndpointAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<WebhookEndpoint>("webhook-endpoints/" + Escape(id), cancellationToken);

    /// <summary><c>DELETE /v1/webhook-endpoints/{id}</c>: it receives nothing from now on.</summary>
    public async Task DeleteWebhookEndpointAsync(string id, CancellationToken cancellationToken = default) =>
        await SendAsync<System.Text.Json.JsonElement>(HttpMethod.Delete, "webhook-endpoints/" + Escape(id), null, cancellationToken);

    /// <summary>One page of <c>GET /v1/webhook-endpoints/{id}/deliveries</c> (newest first).</summary>
    public Task<UnitPayPage<WebhookDelivery>> GetWebhookDeliveryPageAsync(string endpointId, int? pageSize = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        PageAsync<WebhookDelivery>(
            Query("webhook-endpoints/" + Escape(endpointId) + "/deliveries", ("limit", pageSize?.ToString(CultureInfo.InvariantCulture)), ("cursor", cursor)),
            "deliveries",
            cancellationToken);

    /// <summary>Every delivery attempt at the endpoint, newest first, a page at a time.</summary>
    public IAsyncEnumerable<WebhookDelivery> ListWebhookDeliveriesAsync(string endpointId, CancellationToken cancellationToken = default) =>
        EnumerateAsync((cursor, ct) => GetWebhookDeliveryPageAsync(endpointId, null, cursor, ct), cancellationToken);

    /// <summary><c>PUT /v1/credit-accounts/{id}/low-balance-threshold</c>; null removes it.</summary>
    public Task<LowBalanceSetting> SetLowBalanceThresholdAsync(string creditAccountId, long? threshold, CancellationToken cancellationToken = default) =>
        SendAsync<LowBalanceSetting>(HttpMethod.Put, "credit-accounts/" + Escape(creditAccountId) + "/low-balance-threshold", new { threshold }, cancellationToken);
}
