using UnitPay.Core.TopUps;

namespace UnitPay.Core.AutoTopUp;

/// <summary>
/// The auto top-up part of a wallet view: <c>autoTopup</c> (the rule, null when none was ever set), <c>autoTopupRuntime</c>
/// (null without a rule) and <c>effectiveFundingMethod</c>: how a top-up of this customer is paid now (<c>charge</c> with a
/// saved payment method, <c>invoice</c> for <c>send_invoice</c>), null when it cannot be (no payment method).
/// </summary>
public sealed record AutoTopUpWalletState(AutoTopUpRule? AutoTopup, AutoTopUpRuntime? AutoTopupRuntime, FundingMethod? EffectiveFundingMethod);
