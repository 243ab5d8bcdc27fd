namespace UnitPay.Client.Models;

/// <summary>The answer of <c>POST /v1/check</c> (read-only and advisory; reserve to be sure).</summary>
/// <param name="Access">Whether the usage would be covered.</param>
/// <param name="Remaining">Credits left after it.</param>
/// <param name="CreditBalance">The balance now.</param>
/// <param name="Required">What it would cost.</param>
/// <param name="Feature">The feature.</param>
/// <param name="Currencies">Per credit currency.</param>
public sealed record CheckResult(
    bool Access,
    long Remaining,
    long CreditBalance,
    long Required,
    CheckFeature Feature,
    IReadOnlyList<CheckCurrency>? Currencies);
