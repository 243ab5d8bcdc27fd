namespace UnitPay.Core.Organizations;

/// <summary>A tenant: every object belongs to one organization, and a key opens exactly one.</summary>
public sealed record Organization(string Id, string Name, DateTimeOffset CreatedAt);
