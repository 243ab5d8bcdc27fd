namespace UnitPay.Client.Models;

/// <summary>The currency of a wallet, as a wallet shows it.</summary>
/// <param name="Id"><c>ccur_…</c></param>
/// <param name="Name">Name.</param>
/// <param name="Slug">Slug.</param>
/// <param name="Denomination">Denomination.</param>
/// <param name="MinorUnitScale">Scale.</param>
public sealed record CreditAccountCurrency(
    string Id,
    string Name,
    string Slug,
    string Denomination,
    int MinorUnitScale);
