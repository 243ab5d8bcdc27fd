namespace UnitPay.Client.Models;

/// <summary>A short-lived signed link to one customer's self-service portal. It carries no API key.</summary>
/// <param name="Url">Send the customer here.</param>
/// <param name="ExpiresAt">After this the link opens nothing.</param>
/// <param name="CustomerId">The customer it opens.</param>
/// <param name="ReturnUrl">Where the page links back to.</param>
public sealed record PortalSession(Uri Url, DateTimeOffset ExpiresAt, string CustomerId, string? ReturnUrl);
