namespace UnitPay.Core.TopUps;

/// <summary>Limits of top-ups (setting <c>UNITPAY_TOPUP_MAX_AMOUNT</c>).</summary>
public sealed record TopUpOptions
{
    /// <summary>The largest top-up by amount, in minor units of the wallet's denomination: 10^9 (10,000,000.00 usd; a billion unit credits at scale 0).</summary>
    public long MaxAmount { get; init; } = 1_000_000_000;
}
