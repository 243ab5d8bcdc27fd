namespace UnitPay.Client.Models;

/// <summary>An attempt to buy credits (a top-up or a package purchase), as the attempt log shows it.</summary>
/// <param name="Id"><c>topup_…</c></param>
/// <param name="CustomerId">The customer.</param>
/// <param name="CreditCurrencyId">The currency.</param>
/// <param name="CreditAccountId">The wallet.</param>
/// <param name="PackageId">The package bought.</param>
/// <param name="Status"><c>pending</c>, <c>succeeded</c>, <c>failed</c> or <c>skipped</c>.</param>
/// <param name="TriggerSource">What started it.</param>
/// <param name="FundingMethod"><c>charge</c>, <c>invoice</c> or <c>form</c>.</param>
/// <param name="Amount">Credits.</param>
/// <param name="ChargeAmount">The price.</param>
/// <param name="PaymentId">The provider's payment.</param>
/// <param name="GrantId">The grant it made.</param>
/// <param name="ErrorCode">Why it failed.</param>
/// <param name="ErrorMessage">Why it failed, for people.</param>
/// <param name="CreatedAt">When it started.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="CompletedAt">When it finished.</param>
public sealed record TopUpAttempt(
    string Id,
    string CustomerId,
    string CreditCurrencyId,
    string CreditAccountId,
    string? PackageId,
    string Status,
    string TriggerSource,
    string FundingMethod,
    long Amount,
    Money ChargeAmount,
    string? PaymentId,
    string? GrantId,
    string? ErrorCode,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt);
