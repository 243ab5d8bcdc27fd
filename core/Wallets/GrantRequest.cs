using UnitPay.Core.Grants;

namespace UnitPay.Core.Wallets;

/// <summary>A request to deposit credits into a customer's wallet.</summary>
public sealed record GrantRequest
{
    public required string CustomerId { get; init; }

    public required string CreditCurrencyId { get; init; }

    public required long Amount { get; init; }

    public GrantSource Source { get; init; } = GrantSource.Manual;

    public int? Priority { get; init; }

    public DateTimeOffset? EffectiveAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public string? Reason { get; init; }

    public string? SourceRef { get; init; }
}
