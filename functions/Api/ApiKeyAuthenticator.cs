using System.Collections.Concurrent;
using UnitPay.Core.Organizations;
using UnitPay.Core.Results;

namespace UnitPay.Functions.Api;

/// <summary>
/// Every /v1 route except the public ones needs a secret key (<c>x-api-key</c> or <c>Authorization: Bearer</c>). Keys
/// are looked up by hash; found keys are cached briefly so the hot path does not read storage per request.
/// </summary>
public sealed class ApiKeyAuthenticator(OrganizationStore organizations, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    /// <summary>
    /// Routes without a key: health, the payment webhook (authenticated by the provider's signature instead), and the
    /// API reference (the OpenAPI document and its HTML rendering describe the API; they hold no organization's data).
    /// </summary>
    private static readonly string[] PublicPaths = ["/v1/health", "/v1/webhooks/payments", "/v1/openapi.json", "/v1/docs"];
    private readonly ConcurrentDictionary<string, (string OrgId, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    /// <summary>True when the path needs no key.</summary>
    public static bool IsPublic(PathString path) =>
        !path.StartsWithSegments("/v1") || PublicPaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>The caller (the organization the request's key opens, and the key's hash), or the failure to answer.</summary>
    public async Task<Outcome<ApiCaller>> AuthenticateAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = KeyOf(request);
        if (key is null || !ApiKeys.IsWellFormed(key))
        {
            return new Failure(FailureCodes.Unauthenticated, "Send a secret key in the x-api-key header (or Authorization: Bearer upay_sk_...).");
        }

        var hash = ApiKeys.Hash(key);
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(hash, out var hit) && hit.Until > now)
        {
            return new ApiCaller(hit.OrgId, hash);
        }

        var orgId = await organizations.FindOrgIdByKeyAsync(key, request.HttpContext.RequestAborted);
        if (orgId is null)
        {
            return new Failure(FailureCodes.Unauthenticated, "The API key is not valid.");
        }

        _cache[hash] = (orgId, now + CacheFor);
        return new ApiCaller(orgId, hash);
    }

    private static string? KeyOf(HttpRequest request)
    {
        if (request.Headers.TryGetValue("x-api-key", out var header) && !string.IsNullOrWhiteSpace(header))
        {
            return header.ToString().Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }
}
