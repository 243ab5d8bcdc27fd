using System.Collections.Concurrent;
using UnitPay.Core.Organizations;
using UnitPay.Core.Results;

namespace UnitPay.Functions.Api;

/// <summary>
/// Every /v1 route except health needs a secret key (<c>x-api-key</c> or <c>Authorization: Bearer</c>). Keys are
/// looked up by hash; found keys are cached briefly so the hot path does not read storage per request.
/// </summary>
public sealed class ApiKeyAuthentication(RequestDelegate next, OrganizationStore organizations, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (string OrgId, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/v1") || path.Equals("/v1/health", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var key = KeyOf(context.Request);
        if (key is null || !ApiKeys.IsWellFormed(key))
        {
            await Problems.From(new Failure(FailureCodes.Unauthenticated, "Send a secret key in the x-api-key header (or Authorization: Bearer upay_sk_...).")).ExecuteAsync(context);
            return;
        }

        var hash = ApiKeys.Hash(key);
        var now = clock.GetUtcNow();
        string? orgId = null;
        if (_cache.TryGetValue(hash, out var hit) && hit.Until > now)
        {
            orgId = hit.OrgId;
        }
        else
        {
            orgId = await organizations.FindOrgIdByKeyAsync(key, context.RequestAborted);
            if (orgId is not null)
            {
                _cache[hash] = (orgId, now + CacheFor);
            }
        }

        if (orgId is null)
        {
            await Problems.From(new Failure(FailureCodes.Unauthenticated, "The API key is not valid.")).ExecuteAsync(context);
            return;
        }

        context.SetOrgId(orgId);
        await next(context);
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
