namespace UnitPay.Core.Webhooks;

/// <summary>A new endpoint with its signing secret: the only time the secret is ever returned.</summary>
public sealed record CreatedWebhookEndpoint(WebhookEndpoint Endpoint, string Secret);
