namespace UnitPay.Core.Plans;

/// <summary>A plan as a caller asks for it (<c>POST /v1/plans</c>); every field may be missing or wrong until <see cref="PlanService"/> validates it.</summary>
public sealed record PlanDraft(string? Name, PlanPriceDraft? Price, IReadOnlyList<CreditGrantRuleDraft?>? CreditGrantRules);
