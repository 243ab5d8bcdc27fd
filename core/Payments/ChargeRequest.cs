namespace UnitPay.Core.Payments;

/// <summary>
/// A charge to make at the provider. <see cref="IdempotencyKey"/> is the id of what is being paid for (a top-up
/// attempt, a subscription cycle payment): sending the same request again names the same charge, never a second one.
/// <see cref="Metadata"/> travels with the charge and comes back in its webhooks (see <see cref="PaymentMetadata"/>).
/// </summary>
public sealed record ChargeRequest
{
    public required string IdempotencyKey { get; init; }

    /// <summary>In minor units of <see cref="Currency"/>; positive.</summary>
    public required long Amount { get; init; }

    /// <summary>Lowercase ISO-4217 code.</summary>
    public required string Currency { get; init; }

    public string? ProviderCustomerId { get; init; }

    /// <summary>The saved payment method to charge off-session (unused by a payment form).</summary>
    public string? PaymentMethodId { get; init; }

    public required string Description { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }
}
