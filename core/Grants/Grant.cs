using UnitPay.Core.Deduction;

namespace UnitPay.Core.Grants;

/// <summary>
/// One deposit of credits from one source. <see cref="Remaining"/> only ever decreases; a grant is spendable
/// while it is <see cref="GrantStatus.Open"/>, effective and not expired. A grant stays open while anything remains,
/// held credits included, so a hold can always be paid from the grants it earmarked.
/// </summary>
public sealed record Grant
{
    public required string Id { get; init; }

    public required GrantSource Source { get; init; }

    public required long Amount { get; init; }

    public required long Remaining { get; init; }

    /// <summary>The part of <see cref="Remaining"/> that open holds have earmarked: it stays in the balance but only its hold can spend it.</summary>
    public long Held { get; init; }

    /// <summary>What usage may spend of this grant: what remains, less what holds protect.</summary>
    public long Free => Remaining - Held;

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

    /// <summary>This grant as the FIFO deduction sees it: only its free part can be drawn.</summary>
    public GrantBalance ToBalance() => new(Id, Free, Priority, EffectiveAt, ExpiresAt);

    /// <summary>True when the grant can be spent at <paramref name="now"/>.</summary>
    public bool IsSpendableAt(DateTimeOffset now) =>
        Status == GrantStatus.Open && Free > 0 && EffectiveAt <= now && !IsExpiredAt(now);

    /// <summary>True when the grant's expiry has passed at <paramref name="now"/> (expiry is exclusive: at expiresAt it is gone).</summary>
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expiry && expiry <= now;
}
