namespace UnitPay.Client.Models;

/// <summary>A new webhook endpoint with its signing secret: the only answer that carries <see cref="Secret"/>; store it.</summary>
/// <param name="Id"><c>whep_…</c></param>
/// <param name="Url">Where deliveries are POSTed.</param>
/// <param name="EventTypes">The event types it receives.</param>
/// <param name="Description">The caller's note.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Secret"><c>whsec_…</c>: verify deliveries with it (<see cref="Webhooks.WebhookSignature"/>).</param>
public sealed record CreatedWebhookEndpoint(string Id, string Url, IReadOnlyList<string> EventTypes, string? Description, DateTimeOffset CreatedAt, string Secret);
