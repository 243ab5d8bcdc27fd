namespace UnitPay.Core.Plans;

/// <summary>The price of a <see cref="PlanDraft"/>, unvalidated.</summary>
public sealed record PlanPriceDraft(long? Amount, string? Currency, string? Interval);
