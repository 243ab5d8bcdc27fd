namespace UnitPay.Core.TopUps;

/// <summary>
/// <c>POST /v1/credit-packages/{id}/purchase</c>. <see cref="CreditCurrencyId"/>, when sent, names the wallet the caller
/// means; a package of another currency is 422 CURRENCY_MISMATCH. See <see cref="TopUpRequest"/> for the rest.
/// </summary>
public sealed record PackagePurchaseRequest
{
    public string? PackageId { get; init; }

    public string? CustomerId { get; init; }

    public string? CreditCurrencyId { get; init; }

    public bool ForceForm { get; init; }

    public string? IdempotencyKey { get; init; }
}
