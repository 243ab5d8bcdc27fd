namespace UnitPay.Core.Webhooks;

/// <summary>One attempt to deliver one event to one endpoint, as the delivery log keeps it.</summary>
public sealed record WebhookDeliveryAttempt
{
    public required string Id { get; init; }

    public required string EndpointId { get; init; }

    public required string EventId { get; init; }

    public required string EventType { get; init; }

    /// <summary>1 for the first attempt of this event at this endpoint.</summary>
    public required int Attempt { get; init; }

    public required WebhookDeliveryStatus Status { get; init; }

    /// <summary>The receiver's HTTP status; null when no answer came (timeout, refused connection).</summary>
    public int? StatusCode { get; init; }

    public required long DurationMs { get; init; }

    /// <summary>Why the attempt failed, when it did (a non-2xx status, a timeout, a network error).</summary>
    public string? Error { get; init; }

    public required DateTimeOffset AttemptedAt { get; init; }

    /// <summary>When the next attempt is due (status <c>retrying</c> only).</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }
}
