using System.Security.Cryptography;
using UnitPay.Core.Catalog;
using UnitPay.Core.Results;

namespace UnitPay.Core.Portal;

/// <summary>Issues and opens portal sessions: short-lived signed links to one customer's self-service page.</summary>
public sealed class PortalSessionService(PortalOptions options, CatalogReader catalog, TimeProvider clock)
{
    public const int MaxReturnUrlLength = 2000;

    /// <summary>A session for the customer (by id or external id) and its token, or NOT_FOUND / a validation failure.</summary>
    public async Task<Outcome<(PortalSession Session, string Token)>> CreateAsync(string orgId, string customerRef, string? returnUrl, CancellationToken cancellationToken)
    {
        if (returnUrl is not null
            && (returnUrl.Length > MaxReturnUrlLength || !Uri.TryCreate(returnUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            return Failure.Validation("returnUrl", $"returnUrl must be an absolute http(s) address of at most {MaxReturnUrlLength} characters.");
        }

        var customer = await catalog.CustomerAsync(orgId, customerRef, cancellationToken);
        if (customer is null)
        {
            return Failure.NotFound("Customer " + customerRef);
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().Add(options.Lifetime).ToUnixTimeSeconds()); // the token holds whole seconds
        var session = new PortalSession(orgId, customer.Id, expiresAt, returnUrl, Convert.ToHexString(RandomNumberGenerator.GetBytes(12)));
        return (session, PortalTokens.Sign(session, options.SigningKey));
    }

    /// <summary>The session a token grants now, or null (forged, altered, expired).</summary>
    public PortalSession? Open(string? token) => PortalTokens.Verify(token, options.SigningKey, clock.GetUtcNow());
}
