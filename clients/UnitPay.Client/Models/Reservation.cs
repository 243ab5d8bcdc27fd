namespace UnitPay.Client.Models;

/// <summary>A hold: credits earmarked on specific grants, then committed (up to the amount) or released.</summary>
/// <param name="Id"><c>hold_…</c></param>
/// <param name="CreditAccountId">The wallet.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="CreditCurrencyId">The currency.</param>
/// <param name="Amount">Held.</param>
/// <param name="Status"><c>held</c>, <c>committed</c>, <c>released</c> or <c>expired</c>.</param>
/// <param name="ExpiresAt">When it is released if unresolved.</param>
/// <param name="CreatedAt">When it was placed.</param>
/// <param name="ResolvedAt">When it was resolved.</param>
/// <param name="CommittedAmount">Spent.</param>
/// <param name="ReleasedAmount">Returned.</param>
/// <param name="FeatureSlug">The feature, when reserved by usage.</param>
/// <param name="Quantity">The usage reserved for.</param>
/// <param name="Reference">The caller's reference.</param>
/// <param name="Breakdown">Per grant.</param>
public sealed record Reservation(
    string Id,
    string CreditAccountId,
    string? CustomerId,
    string? CreditCurrencyId,
    long Amount,
    string Status,
    DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    long? CommittedAmount,
    long? ReleasedAmount,
    string? FeatureSlug,
    decimal? Quantity,
    string? Reference,
    IReadOnlyList<GrantAmount>? Breakdown);
