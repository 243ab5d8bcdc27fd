namespace UnitPay.Core.Payments;

/// <summary>A form started at the provider: its id there (a PaymentIntent or SetupIntent) and the secret the browser form is opened with.</summary>
public sealed record PaymentForm(string IntentId, string ClientSecret);
