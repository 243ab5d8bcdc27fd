namespace UnitPay.Core.Webhooks;

/// <summary>The body of <c>POST /v1/webhook-endpoints</c>.</summary>
public sealed record WebhookEndpointRequest(string? Url, IReadOnlyList<string?>? EventTypes, string? Description);
