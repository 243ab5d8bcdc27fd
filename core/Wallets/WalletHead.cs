namespace UnitPay.Core.Wallets;

/// <summary>
/// The wallet's head row: the running totals that every change of the wallet updates (and whose ETag guards it).
/// <see cref="Balance"/> equals the sum of open grants' remaining minus <see cref="Deficit"/>, and equals the last
/// ledger entry's balanceAfter.
/// </summary>
public sealed record WalletHead
{
    public required string WalletId { get; init; }

    public required string OrgId { get; init; }

    public required string CustomerId { get; init; }

    public required string CurrencyId { get; init; }

    public WalletStatus Status { get; init; } = WalletStatus.Active;

    public long Balance { get; init; }

    /// <summary>Usage taken beyond the grants under an <c>allow</c> overage policy (never above its limit).</summary>
    public long Deficit { get; init; }

    /// <summary>How the current deficit is settled at the cycle reset (the currency's overageBehavior when it was incurred).</summary>
    public string? DeficitBehavior { get; init; }

    /// <summary>The last cycle end whose overage was settled: a cycle reset settles once, however often it is re-run.</summary>
    public DateTimeOffset? OverageSettledThrough { get; init; }

    public long Reserved { get; init; }

    /// <summary>
    /// The threshold of the wallet's enabled auto top-up rule, cached from the rule (see
    /// <c>AutoTopUp.AutoTopUpRuleService</c>) so that a commit sees a crossing from the head it writes anyway, without
    /// reading the rule; null when no rule is enabled.
    /// </summary>
    public long? AutoTopUpThreshold { get; init; }

    /// <summary>
    /// The wallet's low-balance threshold for the <c>credit.balance_low</c> webhook (null: none). Kept on the head so a
    /// commit sees a crossing from the heads it has anyway, at the cost of a comparison.
    /// </summary>
    public long? LowBalanceThreshold { get; init; }

    public long LastSequence { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public long Available => Balance - Reserved;
}
