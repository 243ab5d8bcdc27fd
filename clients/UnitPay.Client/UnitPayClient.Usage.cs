using UnitPay.Client.Models;
using UnitPay.Contracts.Usage;

namespace UnitPay.Client;

/// <content>Usage: track, event lookup and the real-time check.</content>
public sealed partial class UnitPayClient
{
    /// <summary>
    /// <c>POST /v1/usage/track</c> with one event (its <see cref="UsageEvent.EventId"/> must be null: the API assigns
    /// it; name the event with <see cref="UsageEvent.IdempotencyKey"/>). An invalid event is a <see cref="UnitPayApiException"/>.
    /// </summary>
    public Task<TrackResult> TrackAsync(UsageEvent usageEvent, CancellationToken cancellationToken = default) =>
        PostAsync<TrackResult>("usage/track", usageEvent ?? throw new ArgumentNullException(nameof(usageEvent)), cancellationToken);

    /// <summary><c>POST /v1/usage/track</c> with up to 1,000 events; an invalid event is a rejection at its index, not a failed call.</summary>
    public Task<TrackResult> TrackBatchAsync(IReadOnlyList<UsageEvent> events, CancellationToken cancellationToken = default) =>
        PostAsync<TrackResult>("usage/track", new { events = events ?? throw new ArgumentNullException(nameof(events)) }, cancellationToken);

    /// <summary><c>GET /v1/usage/events/{eventId}?customerId=</c>: pending, applied or rejected.</summary>
    public Task<UsageEventStatus> GetUsageEventAsync(string eventId, string customerId, CancellationToken cancellationToken = default) =>
        GetAsync<UsageEventStatus>(Query("usage/events/" + Escape(eventId), ("customerId", customerId)), cancellationToken);

    /// <summary><c>POST /v1/check</c>: would this usage be covered? (A read; reserve to be sure.)</summary>
    public Task<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CheckResult>("check", request ?? throw new ArgumentNullException(nameof(request)), cancellationToken);
}
