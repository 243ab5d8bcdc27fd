namespace UnitPay.Core.Usage;

/// <summary>
/// The real-time gate's answer. <see cref="Remaining"/>, <see cref="CreditBalance"/> and <see cref="Required"/> are in
/// the feature's first credit currency; <see cref="Currencies"/> has every currency it costs in.
/// </summary>
public sealed record CheckResult(bool Access, long Remaining, long CreditBalance, long Required, string FeatureSlug, IReadOnlyList<CheckCurrency> Currencies);

/// <summary>The gate's view of one credit currency.</summary>
public sealed record CheckCurrency(string CreditCurrencyId, string? CreditAccountId, bool Access, long Balance, long Available, long Required);
