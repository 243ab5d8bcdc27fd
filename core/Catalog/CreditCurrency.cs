namespace UnitPay.Core.Catalog;

/// <summary>A credit currency of an organization: unit credits or a fiat denomination, with its minor-unit scale.</summary>
public sealed record CreditCurrency
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Slug { get; init; }

    /// <summary><c>unit</c> or a lowercase ISO-4217 code.</summary>
    public required string Denomination { get; init; }

    public required int MinorUnitScale { get; init; }

    public OveragePolicy Overage { get; init; } = new();

    public required DateTimeOffset CreatedAt { get; init; }
}
