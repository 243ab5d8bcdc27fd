namespace UnitPay.Core.TopUps;

/// <summary>
/// <c>POST /v1/top-ups</c>: buy <see cref="Amount"/> minor units of the wallet's denomination. <see cref="Currency"/>,
/// when sent, states the denomination the caller means; another than the wallet's is 422 CURRENCY_MISMATCH.
/// <see cref="IdempotencyKey"/> (the request's <c>Idempotency-Key</c> header) makes a retried call resume the same
/// attempt instead of starting another.
/// </summary>
public sealed record TopUpRequest
{
    public string? CustomerId { get; init; }

    public string? CreditCurrencyId { get; init; }

    public long? Amount { get; init; }

    public string? Currency { get; init; }

    /// <summary>Pay in a payment form even when a saved method could be charged (the only way without one).</summary>
    public bool ForceForm { get; init; }

    public string? IdempotencyKey { get; init; }
}
