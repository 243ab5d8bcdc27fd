namespace UnitPay.Client.Models;

/// <summary>A credit currency: unit credits (<c>denomination</c> <c>unit</c>) or prepaid money (an ISO-4217 code).</summary>
/// <param name="Id"><c>ccur_…</c></param>
/// <param name="Name">Display name.</param>
/// <param name="Slug">Unique per organization.</param>
/// <param name="Denomination"><c>unit</c> or an ISO-4217 code.</param>
/// <param name="MinorUnitScale">Decimal places of the minor unit.</param>
/// <param name="Overage">The overage policy.</param>
/// <param name="TopUpPrice">For unit currencies: the price of one whole credit, when top-ups by amount are sold.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record CreditCurrency(
    string Id,
    string Name,
    string Slug,
    string Denomination,
    int MinorUnitScale,
    OveragePolicy? Overage,
    Money? TopUpPrice,
    DateTimeOffset CreatedAt);
