namespace UnitPay.Client.Models;

/// <summary>A plan: a price and the credits it grants.</summary>
/// <param name="Id"><c>plan_…</c></param>
/// <param name="Name">Name.</param>
/// <param name="Price">The price.</param>
/// <param name="CreditGrantRules">What it grants.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record Plan(
    string Id,
    string Name,
    PlanPrice Price,
    IReadOnlyList<CreditGrantRule> CreditGrantRules,
    DateTimeOffset CreatedAt);
