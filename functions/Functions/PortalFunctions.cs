using System.Security.Cryptography;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.Analytics;
using UnitPay.Core.AutoTopUp;
using UnitPay.Core.Catalog;
using UnitPay.Core.Ledger;
using UnitPay.Core.Packages;
using UnitPay.Core.Portal;
using UnitPay.Core.Results;
using UnitPay.Core.Storage;
using UnitPay.Core.TopUps;
using UnitPay.Core.Wallets;
using UnitPay.Functions.Api;
using UnitPay.Functions.Portal;

namespace UnitPay.Functions.Functions;

/// <summary>
/// The customer portal: one server-rendered page per signed session (<c>GET /portal/{token}</c>) and the forms it posts
/// (top up, buy a package, auto top-up on or off), which call the same services as the API. The token is the only
/// credential and scopes everything to its customer; a form must carry it in its body as well as in its address (a
/// page on another site cannot know it), a cross-site Origin is refused, and each form's nonce is its idempotency key,
/// so a resubmitted form charges once.
/// </summary>
public sealed class PortalFunctions(
    PortalSessionService sessions,
    CatalogReader catalog,
    CreditAccountService accounts,
    WalletEngine engine,
    UsageAnalytics analytics,
    TopUpService topUps,
    CreditPackageService packages,
    AutoTopUpRuleService autoTopUps)
{
    private const int LedgerPageSize = 10;

    [Function("PortalPageHttp")]
    public async Task<IResult> PageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/{token}")] HttpRequest req, string token)
    {
        var session = sessions.Open(token);
        if (session is null)
        {
            return Page(req.HttpContext, PortalPage.Expired(), StatusCodes.Status401Unauthorized);
        }

        var notice = req.Query["notice"].ToString() switch
        {
            "topup" => "Your top-up went through.",
            "package" => "Your purchase went through.",
            "pending" => "Your payment is being confirmed; the credits appear once it is.",
            "invoiced" => "Added to your next invoice; the credits are yours now.",
            "autotopup-on" => "Auto top-up is on.",
            "autotopup-off" => "Auto top-up is off.",
            _ => null,
        };
        return await RenderAsync(req.HttpContext, session, token, notice, null, StatusCodes.Status200OK);
    }

    [Function("PortalTopUpHttp")]
    public Task<IResult> TopUpAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "portal/{token}/top-up")] HttpRequest req, string token) =>
        PostAsync(req, token, async (session, form, nonce, ct) =>
        {
            var currency = await catalog.CurrencyAsync(session.OrgId, form["creditCurrencyId"].ToString(), ct);
            if (currency is null)
            {
                return Failure.NotFound("Credit currency");
            }

            if (Amounts.Parse(form["amount"], currency) is not { } amount || amount <= 0)
            {
                return Failure.Validation("amount", "Enter a positive amount, such as 10 or 12.50.");
            }

            var settled = await topUps.TopUpAsync(session.OrgId, new TopUpRequest
            {
                CustomerId = session.CustomerId,
                CreditCurrencyId = currency.Id,
                Amount = amount,
                IdempotencyKey = "portal-" + nonce,
            }, ct);
            return settled.IsSuccess ? NoticeOf(settled.Value!, "topup") : settled.Failure!;
        });

    [Function("PortalPurchasePackageHttp")]
    public Task<IResult> PurchaseAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "portal/{token}/purchase")] HttpRequest req, string token) =>
        PostAsync(req, token, async (session, form, nonce, ct) =>
        {
            var packageId = form["packageId"].ToString();
            if (!TableKeys.IsValid(packageId))
            {
                return Failure.NotFound("Credit package");
            }

            var settled = await topUps.PurchasePackageAsync(session.OrgId, new PackagePurchaseRequest
            {
                PackageId = packageId,
                CustomerId = session.CustomerId,
                IdempotencyKey = "portal-" + nonce,
            }, ct);
            return settled.IsSuccess ? NoticeOf(settled.Value!, "package") : settled.Failure!;
        });

    [Function("PortalAutoTopUpHttp")]
    public Task<IResult> AutoTopUpAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "portal/{token}/auto-topup")] HttpRequest req, string token) =>
        PostAsync(req, token, async (session, form, _, ct) =>
        {
            var currency = await catalog.CurrencyAsync(session.OrgId, form["creditCurrencyId"].ToString(), ct);
            if (currency is null)
            {
                return Failure.NotFound("Credit currency");
            }

            if (form["action"].ToString() == "off")
            {
                var off = await autoTopUps.DisableAsync(session.OrgId, session.CustomerId, currency.Id, ct);
                return off.IsSuccess ? "autotopup-off" : off.Failure!;
            }

            if (Amounts.Parse(form["threshold"], currency) is not { } threshold)
            {
                return Failure.Validation("threshold", "Enter the balance at which to top up, such as 10.");
            }

            var unit = currency.Denomination == Core.Money.Denomination.UnitCode;
            var topupAmount = unit ? null : Amounts.Parse(form["topupAmount"], currency);
            if (!unit && topupAmount is null)
            {
                return Failure.Validation("topupAmount", "Enter the amount to add, such as 20.");
            }

            var packageId = form["creditPackageId"].ToString();
            var on = await autoTopUps.PutAsync(session.OrgId, session.CustomerId, currency.Id, new AutoTopUpRuleRequest
            {
                Mode = unit ? "package" : "amount",
                Threshold = threshold,
                TopupAmount = topupAmount,
                CreditPackageId = unit && TableKeys.IsValid(packageId) ? packageId : null,
                Enabled = true,
            }, ct);
            return on.IsSuccess ? "autotopup-on" : on.Failure!;
        });

    private static Outcome<string> NoticeOf(TopUpSettlement settlement, string done) => settlement.Kind switch
    {
        TopUpSettlement.InvoiceAdded => "invoiced",
        TopUpSettlement.RequiresForm => "pending",
        _ => done,
    };

    /// <summary>
    /// A form post: the session from the path, the same token in the body (compared in constant time), a same-origin
    /// Origin when the browser sends one, then the action; success redirects (303) back to the page, a failure shows
    /// the page with the reason.
    /// </summary>
    private async Task<IResult> PostAsync(HttpRequest req, string token, Func<PortalSession, IFormCollection, string, CancellationToken, Task<Outcome<string>>> act)
    {
        var http = req.HttpContext;
        var session = sessions.Open(token);
        if (session is null)
        {
            return Page(http, PortalPage.Expired(), StatusCodes.Status401Unauthorized);
        }

        if (!req.HasFormContentType)
        {
            return await RenderAsync(http, session, token, null, "The form could not be read.", StatusCodes.Status400BadRequest);
        }

        var form = await req.ReadFormAsync(http.RequestAborted);
        var posted = Encoding.UTF8.GetBytes(form["token"].ToString());
        var nonce = form["nonce"].ToString();
        if (!CryptographicOperations.FixedTimeEquals(posted, Encoding.UTF8.GetBytes(token)) || !SameOrigin(req)
            || nonce.Length is < 16 or > 64 || !nonce.All(char.IsAsciiLetterOrDigit))
        {
            return await RenderAsync(http, session, token, null, "This form did not come from this page. Reload the page and try again.", StatusCodes.Status403Forbidden);
        }

        var done = await act(session, form, nonce, http.RequestAborted);
        if (!done.IsSuccess)
        {
            return await RenderAsync(http, session, token, null, done.Failure!.Message, Problems.StatusOf(done.Failure.Code));
        }

        NoStore(http);
        http.Response.Headers.Location = PortalRoutes.PathOf(token) + "?notice=" + Uri.EscapeDataString(done.Value!);
        return Results.StatusCode(StatusCodes.Status303SeeOther); // See Other: the browser follows with a GET
    }

    private static bool SameOrigin(HttpRequest req)
    {
        var origin = req.Headers.Origin.ToString();
        // Browsers state the Origin of a form post; none (or "null", from privacy modes) is not a claim of another site. The
        // token in the body is what a forging page cannot supply; this is a second check where the browser says where it was.
        return string.IsNullOrEmpty(origin) || origin == "null"
            || (Uri.TryCreate(origin, UriKind.Absolute, out var o) && string.Equals(o.Authority, req.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<IResult> RenderAsync(HttpContext http, PortalSession session, string token, string? notice, string? error, int status)
    {
        var ct = http.RequestAborted;
        var customer = await catalog.CustomerAsync(session.OrgId, session.CustomerId, ct);
        if (customer is null)
        {
            return Page(http, PortalPage.Expired(), StatusCodes.Status401Unauthorized);
        }

        var q = http.Request.Query;
        var focus = q["wallet"].ToString();
        LedgerEntryType? type = null;
        if (q["type"].ToString() is { Length: > 0 } typeText && LedgerNames.TryParseType(typeText, out var parsedType))
        {
            type = parsedType;
        }

        var packageList = await packages.ListAsync(session.OrgId, new CreditPackageQuery(Limit: 100), ct);
        var wallets = new List<PortalWallet>();
        foreach (var view in await accounts.ListAsync(session.OrgId, customer.Id, ct))
        {
            var walletId = view.Head.WalletId;
            var currency = await catalog.CurrencyAsync(session.OrgId, view.Head.CurrencyId, ct);
            var snapshot = await engine.ReadOwnedAsync(session.OrgId, walletId, ct);
            if (currency is null || snapshot is null)
            {
                continue;
            }

            var mine = focus == walletId;
            var ledger = await accounts.ReadLedgerAsync(session.OrgId, new LedgerQuery
            {
                CreditAccountId = walletId,
                CustomerId = customer.Id,
                Type = mine ? type : null,
                Limit = LedgerPageSize,
                Cursor = mine && q["cursor"].ToString() is { Length: > 0 and < 2048 } cursor ? cursor : null,
            }, ct);
            var attempts = await topUps.ListAttemptsAsync(session.OrgId, new TopUpAttemptQuery(CustomerId: customer.Id, CurrencyId: currency.Id, Limit: 10), ct);
            var rule = await autoTopUps.GetAsync(session.OrgId, customer.Id, currency.Id, ct);
            wallets.Add(new PortalWallet(
                view,
                currency,
                await analytics.BurnRateAsync(session.OrgId, snapshot, currency, new BurnWindow(BurnWindow.DefaultDays), ct),
                ledger.IsSuccess ? ledger.Value!.Entries.Select(e => e.Entry).ToList() : [],
                ledger.IsSuccess ? ledger.Value!.NextCursor : null,
                mine && type is { } t ? LedgerNames.ToWire(t) : null,
                attempts.IsSuccess ? attempts.Value!.Attempts : [],
                packageList.IsSuccess ? packageList.Value!.Packages.Where(p => p.CreditCurrencyId == currency.Id && p.Status == CreditPackage.Active).ToList() : [],
                rule.IsSuccess ? rule.Value : null));
        }

        var model = new PortalModel(token, customer, session.ReturnUrl, session.ExpiresAt, notice, error, wallets, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        return Page(http, PortalPage.Render(model), status);
    }

    private static IResult Page(HttpContext http, string html, int status)
    {
        NoStore(http);
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>The token is a credential: not cached, not sent to another site as a referrer, not framed by another site; no script runs.</summary>
    private static void NoStore(HttpContext http)
    {
        var h = http.Response.Headers;
        h.CacheControl = "no-store";
        h["Referrer-Policy"] = "same-origin"; // the token never leaves in a Referer to another site; same-origin posts keep their Origin
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }
}
