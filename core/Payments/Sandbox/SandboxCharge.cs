namespace UnitPay.Core.Payments.Sandbox;

/// <summary>One charge (a PaymentIntent) as the sandbox keeps it, under its idempotency key.</summary>
public sealed record SandboxCharge
{
    public required string Id { get; init; }

    public required string IdempotencyKey { get; init; }

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public string? CustomerId { get; init; }

    public string? PaymentMethodId { get; init; }

    /// <summary><c>succeeded</c>, <c>failed</c>, <c>requires_action</c> or <c>requires_payment_method</c> (a form not yet completed).</summary>
    public required string Status { get; init; }

    public required string ClientSecret { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
