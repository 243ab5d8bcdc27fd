namespace UnitPay.Client.Models;

/// <summary><c>POST /v1/webhook-endpoints</c>.</summary>
/// <param name="Url">https (plain http only to a loopback address).</param>
/// <param name="EventTypes">One or more of <c>credit.grant.created</c>, <c>credit.grant.expired</c>, <c>credit.balance_low</c>, <c>credit.topup.succeeded</c>, <c>credit.topup.failed</c>, <c>subscription.renewed</c>, <c>subscription.past_due</c>.</param>
/// <param name="Description">A note.</param>
public sealed record CreateWebhookEndpointRequest(string Url, IReadOnlyList<string> EventTypes, string? Description = null);
