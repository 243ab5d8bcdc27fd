namespace UnitPay.Core.Webhooks;

/// <summary>Where an organization wants its events: a URL and the event types it subscribes to. The secret is not part of it (it is shown once, at creation).</summary>
public sealed record WebhookEndpoint
{
    public required string Id { get; init; }

    public required string OrgId { get; init; }

    public required string Url { get; init; }

    public required IReadOnlyList<string> EventTypes { get; init; }

    public string? Description { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public bool Subscribes(string eventType) => EventTypes.Contains(eventType, StringComparer.Ordinal);
}
