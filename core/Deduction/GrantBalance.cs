namespace UnitPay.Core.Deduction;

/// <summary>The part of a grant the FIFO deduction looks at.</summary>
public readonly record struct GrantBalance(
    string GrantId,
    long Remaining,
    int Priority,
    DateTimeOffset EffectiveAt,
    DateTimeOffset? ExpiresAt);
