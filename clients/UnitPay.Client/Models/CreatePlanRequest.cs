namespace UnitPay.Client.Models;

/// <summary><c>POST /v1/plans</c>.</summary>
/// <param name="Name">Name.</param>
/// <param name="Price">The price.</param>
/// <param name="CreditGrantRules">What it grants.</param>
public sealed record CreatePlanRequest(
    string Name,
    PlanPrice Price,
    IReadOnlyList<CreditGrantRule> CreditGrantRules);
