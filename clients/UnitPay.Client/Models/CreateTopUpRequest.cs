namespace UnitPay.Client.Models;

/// <summary><c>POST /v1/top-ups</c>: buy credits by amount.</summary>
/// <param name="CustomerId"><c>cus_</c> id or external id.</param>
/// <param name="CreditCurrencyId">The currency.</param>
/// <param name="Amount">Minor units of credit.</param>
/// <param name="Currency">The denomination the caller means (checked).</param>
/// <param name="ForceForm">Pay in a form.</param>
public sealed record CreateTopUpRequest(
    string CustomerId,
    string CreditCurrencyId,
    long Amount,
    string? Currency = null,
    bool? ForceForm = null);
