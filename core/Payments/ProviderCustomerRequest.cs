namespace UnitPay.Core.Payments;

/// <summary>What the provider's customer is made from; the same <see cref="IdempotencyKey"/> always gives the same customer.</summary>
public sealed record ProviderCustomerRequest
{
    public required string IdempotencyKey { get; init; }

    public required string Name { get; init; }

    public string? Email { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
