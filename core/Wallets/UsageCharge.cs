namespace UnitPay.Core.Wallets;

/// <summary>
/// A usage event resolved to a cost on one wallet, ready to deduct. <paramref name="OverageLimit"/> and
/// <paramref name="OverageBehavior"/> carry the currency's overage policy (0 and null: reject).
/// </summary>
public sealed record UsageCharge(
    string EventId,
    string FeatureSlug,
    long Amount,
    DateTimeOffset EventTimestamp,
    decimal Quantity,
    long OverageLimit = 0,
    string? OverageBehavior = null);
