using System.Text.Json;

namespace UnitPay.Core.Usage;

/// <summary>
/// A usage event as the API and the queue carry it. <see cref="CustomerId"/> is a <c>cus_</c> id or the caller's
/// external id. <see cref="EventId"/> is set by the track endpoint; a producer that enqueues directly may set it
/// or an <see cref="IdempotencyKey"/>, and otherwise the event's place in its message identifies it.
/// </summary>
public sealed record UsageEvent
{
    public string? EventId { get; init; }

    public string? CustomerId { get; init; }

    public string? FeatureSlug { get; init; }

    public decimal? Quantity { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public JsonElement? Properties { get; init; }

    public string? IdempotencyKey { get; init; }
}
