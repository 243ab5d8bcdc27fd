using System.Text.Json;

namespace UnitPay.Contracts.Usage;

/// <summary>
/// A usage event as the API and the queue carry it. <see cref="CustomerId"/> is a <c>cus_</c> id or the caller's
/// external id. <see cref="EventId"/> is set by the track endpoint; a producer that enqueues directly may set it
/// or an <see cref="IdempotencyKey"/>, and otherwise the event's place in its message identifies it.
/// </summary>
public sealed record UsageEvent
{
    /// <summary>The event's id (<c>evt_…</c>); assigned by the track endpoint, optional on the queue.</summary>
    public string? EventId { get; init; }

    /// <summary>The customer: a <c>cus_</c> id or the caller's external id.</summary>
    public string? CustomerId { get; init; }

    /// <summary>The feature used, by slug.</summary>
    public string? FeatureSlug { get; init; }

    /// <summary>How many units were used (default 1; positive).</summary>
    public decimal? Quantity { get; init; }

    /// <summary>When the usage happened (default: when the worker applies it).</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Free-form properties, kept with the event.</summary>
    public JsonElement? Properties { get; init; }

    /// <summary>The caller's name for the event: the same key (per customer) always names the same event, deducted once.</summary>
    public string? IdempotencyKey { get; init; }
}
