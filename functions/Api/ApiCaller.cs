namespace UnitPay.Functions.Api;

/// <summary>Who sent a request: the organization its API key opens, and the key's hash (never the key itself).</summary>
public sealed record ApiCaller(string OrgId, string KeyHash);
