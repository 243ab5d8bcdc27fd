namespace UnitPay.Core.Packages;

/// <summary><c>GET /v1/credit-packages?limit=&amp;cursor=&amp;includeArchived=</c>: oldest first, <see cref="Limit"/> capped at 100.</summary>
public sealed record CreditPackageQuery(int Limit = 20, string? Cursor = null, bool IncludeArchived = false);
