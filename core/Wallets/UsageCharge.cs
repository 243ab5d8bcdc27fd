namespace UnitPay.Core.Wallets;

/// <summary>A usage event resolved to a cost on one wallet, ready to deduct.</summary>
public sealed record UsageCharge(
    string EventId,
    string FeatureSlug,
    long Amount,
    DateTimeOffset EventTimestamp,
    decimal Quantity);
