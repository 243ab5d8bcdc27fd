namespace UnitPay.Client.Models;

/// <summary><c>POST /v1/credit-grants</c>: manual or promotional credit.</summary>
/// <param name="CustomerId"><c>cus_</c> id or external id.</param>
/// <param name="CreditCurrencyId"><c>ccur_…</c></param>
/// <param name="Amount">Positive minor units.</param>
/// <param name="Source"><c>manual</c> (default) or <c>promotional</c>.</param>
/// <param name="Priority">Lower is spent first.</param>
/// <param name="EffectiveAt">From when it counts.</param>
/// <param name="ExpiresAt">When what is left expires.</param>
/// <param name="Reason">Up to 500 characters.</param>
public sealed record CreateCreditGrantRequest(
    string CustomerId,
    string CreditCurrencyId,
    long Amount,
    string? Source = null,
    int? Priority = null,
    DateTimeOffset? EffectiveAt = null,
    DateTimeOffset? ExpiresAt = null,
    string? Reason = null);
