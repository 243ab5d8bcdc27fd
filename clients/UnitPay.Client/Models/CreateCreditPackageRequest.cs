namespace UnitPay.Client.Models;

/// <summary><c>POST /v1/credit-packages</c>.</summary>
/// <param name="Name">Name.</param>
/// <param name="CreditCurrencyId">The currency.</param>
/// <param name="Credits">Minor units granted.</param>
/// <param name="Price">The price.</param>
/// <param name="ExpiresAfter">ISO-8601 duration of the grant (<c>P1Y</c>).</param>
public sealed record CreateCreditPackageRequest(
    string Name,
    string CreditCurrencyId,
    long Credits,
    Money Price,
    string? ExpiresAfter = null);
