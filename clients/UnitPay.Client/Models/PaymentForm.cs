namespace UnitPay.Client.Models;

/// <summary>A provider's form to finish a payment in the browser.</summary>
/// <param name="IntentId">The provider's payment id.</param>
/// <param name="ClientSecret">For the provider's browser form.</param>
public sealed record PaymentForm(
    string IntentId,
    string ClientSecret);
