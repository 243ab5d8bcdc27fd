using UnitPay.Core.Catalog;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Analytics;

/// <summary>
/// A wallet's burn: consumption over the window, the wallet now, the runway at the window's average burn (and per
/// feature, the runway if that feature were the only consumer), and how many ledger entries the read walked.
/// </summary>
public sealed record BurnReport(
    WalletView Wallet,
    CreditCurrency Currency,
    BurnSummary Burn,
    RunwayProjection Runway,
    IReadOnlyDictionary<string, RunwayProjection> FeatureRunways,
    int ScheduledGrants,
    int EntriesRead,
    DateTimeOffset At);
