namespace UnitPay.Core.Packages;

/// <summary><c>POST /v1/credit-packages</c> as sent: every field optional here, so that validation can name each one missing.</summary>
public sealed record CreditPackageDraft(string? Name, string? CreditCurrencyId, long? Credits, CreditPackagePriceDraft? Price, string? ExpiresAfter);
