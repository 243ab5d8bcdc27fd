namespace UnitPay.Client.Models;

/// <summary>One delivery attempt, as <c>GET /v1/webhook-endpoints/{id}/deliveries</c> lists it.</summary>
/// <param name="Id"><c>whdl_…</c></param>
/// <param name="EventId">The event's stable <c>whevt_</c> id.</param>
/// <param name="EventType">Its type.</param>
/// <param name="Attempt">1 for the first.</param>
/// <param name="Status"><c>delivered</c>, <c>retrying</c> or <c>failed</c>.</param>
/// <param name="StatusCode">The receiver's status; null when none came.</param>
/// <param name="DurationMs">How long the attempt took.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="AttemptedAt">When it was made.</param>
/// <param name="NextAttemptAt">When the next is due.</param>
public sealed record WebhookDelivery(
    string Id,
    string EventId,
    string EventType,
    int Attempt,
    string Status,
    int? StatusCode,
    long DurationMs,
    string? Error,
    DateTimeOffset AttemptedAt,
    DateTimeOffset? NextAttemptAt);
