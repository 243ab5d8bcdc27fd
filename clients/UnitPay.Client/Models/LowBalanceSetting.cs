namespace UnitPay.Client.Models;

/// <summary>A credit account's low-balance threshold for <c>credit.balance_low</c> (null: none).</summary>
/// <param name="CreditAccountId"><c>cacc_…</c></param>
/// <param name="LowBalanceThreshold">The threshold, in minor units.</param>
public sealed record LowBalanceSetting(string CreditAccountId, long? LowBalanceThreshold);
