namespace UnitPay.Client.Models;

/// <summary>A metered feature and its costs.</summary>
/// <param name="Id"><c>feat_…</c></param>
/// <param name="Slug">What usage events name.</param>
/// <param name="Name">Display name.</param>
/// <param name="CreditCosts">Its cost in each credit currency.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record Feature(
    string Id,
    string Slug,
    string Name,
    IReadOnlyList<CreditCost> CreditCosts,
    DateTimeOffset CreatedAt);
