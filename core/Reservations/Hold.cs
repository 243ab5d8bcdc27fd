using UnitPay.Core.Deduction;

namespace UnitPay.Core.Reservations;

/// <summary>
/// A reservation: credits earmarked on specific grants (<see cref="Breakdown"/>) until the hold is committed,
/// released or expires. Earmarked credits stay in the balance but leave <c>available</c>, and only this hold can spend
/// them, so a commit up to <see cref="Amount"/> is always covered, even if a grant expires in between.
/// </summary>
public sealed record Hold
{
    public required string Id { get; init; }

    public required string CustomerId { get; init; }

    public required string CreditCurrencyId { get; init; }

    public required long Amount { get; init; }

    /// <summary>Where the held credits sit, in the order they are spent on commit.</summary>
    public required IReadOnlyList<GrantDraw> Breakdown { get; init; }

    public HoldStatus Status { get; init; } = HoldStatus.Held;

    public required DateTimeOffset ExpiresAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>What the commit deducted (0 unless committed).</summary>
    public long CommittedAmount { get; init; }

    /// <summary>What went back to available when the hold resolved.</summary>
    public long ReleasedAmount { get; init; }

    public string? FeatureSlug { get; init; }

    public decimal? Quantity { get; init; }

    public string? Reference { get; init; }

    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt <= now;
}
