namespace UnitPay.Client.Models;

/// <summary>What one unit of a feature costs in one credit currency.</summary>
/// <param name="CreditCurrencyId"><c>ccur_…</c></param>
/// <param name="CostPerUnit">Minor units per unit of usage (up to 6 decimals; a cost is rounded up).</param>
public sealed record CreditCost(
    string CreditCurrencyId,
    decimal CostPerUnit);
