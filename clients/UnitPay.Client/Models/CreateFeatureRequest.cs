namespace UnitPay.Client.Models;

/// <summary><c>POST /v1/features</c>.</summary>
/// <param name="Slug">1 to 64 lowercase letters, digits, '-' or '_'.</param>
/// <param name="Name">Display name.</param>
/// <param name="CreditCosts">1 to 10 costs, one per credit currency.</param>
public sealed record CreateFeatureRequest(
    string Slug,
    string Name,
    IReadOnlyList<CreditCost> CreditCosts);
