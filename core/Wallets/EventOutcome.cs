namespace UnitPay.Core.Wallets;

/// <summary>The recorded outcome of one usage event on one wallet: stored with the event's dedupe marker.</summary>
public sealed record EventOutcome
{
    public required string EventId { get; init; }

    public required EventOutcomeStatus Status { get; init; }

    /// <summary>Why it was rejected (<c>INSUFFICIENT_CREDITS</c>, <c>WALLET_FROZEN</c>, ...); null when applied.</summary>
    public string? Reason { get; init; }

    public long Amount { get; init; }

    public long? LedgerSequence { get; init; }

    public required string FeatureSlug { get; init; }

    public required DateTimeOffset ProcessedAt { get; init; }
}

public enum EventOutcomeStatus
{
    Applied,
    Rejected,
}
