namespace UnitPay.Core.Packages;

/// <summary>One page of packages and the cursor of the next (null on the last page).</summary>
public sealed record CreditPackagePage(IReadOnlyList<CreditPackage> Packages, string? NextCursor);
