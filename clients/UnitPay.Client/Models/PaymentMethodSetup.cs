namespace UnitPay.Client.Models;

/// <summary>A started payment-method form (<c>POST /v1/customers/{id}/payment-methods/setup</c>).</summary>
/// <param name="ClientSecret">For the provider's browser form.</param>
/// <param name="SetupId">The provider's setup id.</param>
/// <param name="Provider"><c>sandbox</c> or <c>stripe</c>.</param>
public sealed record PaymentMethodSetup(
    string ClientSecret,
    string SetupId,
    string Provider);
