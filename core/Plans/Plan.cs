namespace UnitPay.Core.Plans;

/// <summary>A plan customers subscribe to: a price per cycle and the credits it grants. Plans are immutable once created.</summary>
public sealed record Plan
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required PlanPrice Price { get; init; }

    public required IReadOnlyList<CreditGrantRule> CreditGrantRules { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
