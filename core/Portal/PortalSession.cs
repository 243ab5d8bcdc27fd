namespace UnitPay.Core.Portal;

/// <summary>What a portal link grants: one customer of one organization, until <see cref="ExpiresAt"/>.</summary>
public sealed record PortalSession(string OrgId, string CustomerId, DateTimeOffset ExpiresAt, string? ReturnUrl, string Nonce);
