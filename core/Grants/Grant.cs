namespace UnitPay.Core.Grants;

/// <summary>
/// One deposit of credits from one source. <see cref="Remaining"/> only ever decreases; a grant is spendable
/// while it is <see cref="GrantStatus.Open"/>, effective and not expired.
/// </summary>
public sealed record Grant
{
    public required string Id { get; init; }

    public required GrantSource Source { get; init; }

    public required long Amount { get; init; }

    public required long Remaining { get; init; }

    public required int Priority { get; init; }

    public required DateTimeOffset EffectiveAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public GrantStatus Status { get; init; } = GrantStatus.Open;

    public string? SourceRef { get; init; }

    public string? ParentGrantId { get; init; }

    public int RolloverCount { get; init; }

    /// <summary>
    /// True for a cycle grant whose unused remainder rolls over when it expires at its cycle's end. Such a grant is
    /// closed by the cycle transition (ROLLOVER / ROLLOVER_FORFEIT), not by <c>ExpireDue</c>, so the rollover always
    /// reads the remainder at the cycle's end whichever timer runs first. Past its expiry it is never spent all the
    /// same (spending checks the time, not the status).
    /// </summary>
    public bool AwaitsRollover { get; init; }

    public string? Reason { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>True when the grant can be spent at <paramref name="now"/>.</summary>
    public bool IsSpendableAt(DateTimeOffset now) =>
        Status == GrantStatus.Open && Remaining > 0 && EffectiveAt <= now && !IsExpiredAt(now);

    /// <summary>True when the grant's expiry has passed at <paramref name="now"/> (expiry is exclusive: at expiresAt it is gone).</summary>
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expiry && expiry <= now;
}
