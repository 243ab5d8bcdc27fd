namespace UnitPay.Core.Plans;

/// <summary>A credit grant rule of a <see cref="PlanDraft"/>, unvalidated.</summary>
public sealed record CreditGrantRuleDraft(string? CreditCurrencyId, long? Amount, string? Cadence, int? Priority, string? ExpiresAfter, RolloverPolicyDraft? Rollover);
