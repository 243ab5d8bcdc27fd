namespace UnitPay.Core.Plans;

/// <summary>The rollover policy of a <see cref="CreditGrantRuleDraft"/>, unvalidated.</summary>
public sealed record RolloverPolicyDraft(int? Percentage, int? MaxCount, string? ExpiresAfter);
