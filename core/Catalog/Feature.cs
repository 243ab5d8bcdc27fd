namespace UnitPay.Core.Catalog;

/// <summary>Something a customer uses, with what it costs per unit in each credit currency it is priced in.</summary>
public sealed record Feature
{
    public required string Id { get; init; }

    public required string Slug { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<CreditCost> CreditCosts { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
