namespace UnitPay.Client.Models;

/// <summary>A fixed bundle of credits for a price.</summary>
/// <param name="Id"><c>cpkg_…</c></param>
/// <param name="Name">Name.</param>
/// <param name="CreditCurrencyId">The currency.</param>
/// <param name="Credits">Minor units granted.</param>
/// <param name="Price">The price.</param>
/// <param name="ExpiresAfter">ISO-8601 duration of the grant.</param>
/// <param name="Status"><c>active</c> or <c>archived</c>.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ArchivedAt">When it was archived.</param>
public sealed record CreditPackage(
    string Id,
    string Name,
    string CreditCurrencyId,
    long Credits,
    Money Price,
    string? ExpiresAfter,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ArchivedAt);
