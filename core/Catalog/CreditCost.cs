namespace UnitPay.Core.Catalog;

/// <summary>What one unit of a feature costs in one credit currency, in that currency's minor units (may be fractional; the total is rounded up).</summary>
public sealed record CreditCost(string CreditCurrencyId, decimal CostPerUnit);
