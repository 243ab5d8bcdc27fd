namespace UnitPay.Core.Customers;

/// <summary>A started "save a payment method" form: the browser opens it with <see cref="ClientSecret"/>; the provider's webhook makes the saved method the customer's default.</summary>
public sealed record PaymentSetup(string ClientSecret, string SetupId, string Provider);
