namespace UnitPay.Core.TopUps;

/// <summary>What the browser needs to complete a payment form: the provider and the client secret of its PaymentIntent.</summary>
public sealed record PaymentClient(string Provider, string ClientSecret, string PaymentId);
