namespace UnitPay.Client.Models;

/// <summary>A webhook endpoint as listed and read (never with its secret).</summary>
/// <param name="Id"><c>whep_…</c></param>
/// <param name="Url">Where deliveries are POSTed.</param>
/// <param name="EventTypes">The event types it receives.</param>
/// <param name="Description">The caller's note.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record WebhookEndpoint(string Id, string Url, IReadOnlyList<string> EventTypes, string? Description, DateTimeOffset CreatedAt);
