namespace UnitPay.Core.Payments;

/// <summary>
/// One fact a provider's verified webhook states, in the engine's terms. <see cref="Metadata"/> is what the engine
/// attached when it created the charge or form (see <see cref="PaymentMetadata"/>): it says what the payment was for.
/// </summary>
public sealed record PaymentConfirmation
{
    public required PaymentConfirmationKind Kind { get; init; }

    /// <summary>The provider's event id (a redelivered webhook has the same one).</summary>
    public required string EventId { get; init; }

    /// <summary>The PaymentIntent or SetupIntent id.</summary>
    public required string IntentId { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    public long? Amount { get; init; }

    public string? Currency { get; init; }

    /// <summary>The payment method used or saved.</summary>
    public string? PaymentMethodId { get; init; }

    public string? ProviderCustomerId { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }
}
