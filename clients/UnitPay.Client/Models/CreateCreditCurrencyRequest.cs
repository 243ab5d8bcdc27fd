namespace UnitPay.Client.Models;

/// <summary><c>POST /v1/credit-currencies</c>.</summary>
/// <param name="Name">Display name (1 to 200 characters).</param>
/// <param name="Denomination"><c>unit</c> or an ISO-4217 code such as <c>usd</c>.</param>
/// <param name="Slug">Default: derived from the name.</param>
/// <param name="MinorUnitScale">Unit currencies: 0 to 3 (default 0); money: its ISO exponent.</param>
/// <param name="Overage">Default: reject.</param>
/// <param name="TopUpPrice">Unit currencies: the price of one whole credit.</param>
public sealed record CreateCreditCurrencyRequest(
    string Name,
    string Denomination,
    string? Slug = null,
    int? MinorUnitScale = null,
    OveragePolicy? Overage = null,
    Money? TopUpPrice = null);
