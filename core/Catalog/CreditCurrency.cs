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

    /// <summary>
    /// What one whole credit costs when topped up by amount (unit currencies only; see <see cref="TopUps.TopUpPricing"/>).
    /// Without it a unit currency sells credits through packages only. A fiat wallet is charged 1:1 in its own money.
    /// </summary>
    public Money.Price? TopUpPrice { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
