namespace UnitPay.Client.Models;

/// <summary><c>POST /v1/credit-packages/{id}/purchase</c>.</summary>
/// <param name="CustomerId"><c>cus_</c> id or external id.</param>
/// <param name="CreditCurrencyId">The currency the caller means (checked).</param>
/// <param name="ForceForm">Pay in a form.</param>
public sealed record PurchaseCreditPackageRequest(
    string CustomerId,
    string? CreditCurrencyId = null,
    bool? ForceForm = null);
