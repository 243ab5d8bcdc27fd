namespace UnitPay.Core.Payments;

/// <summary>A form that saves a payment method for the provider's customer, without charging it.</summary>
public sealed record SetupFormRequest
{
    public required string IdempotencyKey { get; init; }

    public required string ProviderCustomerId { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }
}
