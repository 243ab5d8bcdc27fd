namespace UnitPay.Core.Customers;

/// <summary>A customer of an organization; <see cref="ExternalId"/> is the caller's own id for it, unique per organization.</summary>
public sealed record Customer
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Email { get; init; }

    public string? ExternalId { get; init; }

    public string CollectionMethod { get; init; } = "charge_automatically";

    public required DateTimeOffset CreatedAt { get; init; }
}
