namespace UnitPay.Core.Packages;

/// <summary>A package's price as sent: <c>{amount, currency}</c>.</summary>
public sealed record CreditPackagePriceDraft(long? Amount, string? Currency);
