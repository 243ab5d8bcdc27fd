using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.Analytics;
using UnitPay.Core.Wallets;
using UnitPay.Functions.Api;

namespace UnitPay.Functions.Functions;

/// <summary>Burn rate and runway, and a wallet's balance as of any instant, both derived from the ledger.</summary>
public sealed class AnalyticsFunctions(UsageAnalytics analytics)
{
    /// <summary><c>GET /v1/usage/burn-rate?customerId=&amp;creditCurrencyId=&amp;window=</c>: consumption by day and feature, average burn, runway.</summary>
    [Function("GetBurnRateHttp")]
    public async Task<IResult> BurnRateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/usage/burn-rate")] HttpRequest req)
    {
        var http = req.HttpContext;
        var q = http.Request.Query;
        var customerId = q["customerId"].ToString();
        var currencyId = q["creditCurrencyId"].ToString();
        if (string.IsNullOrEmpty(customerId))
        {
            return Problems.Validation("customerId", "customerId is required.");
        }

        if (string.IsNullOrEmpty(currencyId))
        {
            return Problems.Validation("creditCurrencyId", "creditCurrencyId is required: a burn rate is per wallet, never across currencies.");
        }

        var window = BurnWindow.Parse(q["window"].ToString());
        if (!window.IsSuccess)
        {
            return Problems.From(window.Failure!);
        }

        var report = await analytics.BurnRateAsync(http.OrgId(), customerId, currencyId, window.Value, http.RequestAborted);
        return report.IsSuccess ? Results.Ok(BurnView(report.Value!)) : Problems.From(report.Failure!);
    }

    /// <summary><c>GET /v1/credit-accounts/{id}/balance?asOf=</c>: the balance and the grants holding credits at that instant.</summary>
    [Function("GetCreditAccountBalanceHttp")]
    public async Task<IResult> BalanceAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/credit-accounts/{id}/balance")] HttpRequest req, string id)
    {
        var http = req.HttpContext;
        DateTimeOffset? asOf = null;
        if (http.Request.Query["asOf"].ToString() is { Length: > 0 } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Problems.Validation("asOf", "asOf must be an ISO-8601 date-time.");
            }

            asOf = parsed;
        }

        var result = await analytics.BalanceAsOfAsync(http.OrgId(), id, asOf, http.RequestAborted);
        if (!result.IsSuccess)
        {
            return Problems.From(result.Failure!);
        }

        var (head, state) = result.Value;
        return Results.Ok(new
        {
            creditAccountId = head.WalletId,
            customerId = head.CustomerId,
            creditCurrencyId = head.CurrencyId,
            asOf = state.AsOf,
            balance = state.Balance,
            reserved = state.Reserved,
            available = state.Available,
            lastSequence = state.LastSequence,
            lastEntryId = state.LastSequence == 0 ? null : WalletRows.LedgerEntryId(head.WalletId, state.LastSequence),
            lastEntryAt = state.LastEntryAt,
            grants = state.Grants.Select(g => new
            {
                id = g.Id,
                source = Core.Grants.GrantSources.ToWire(g.Source),
                amount = g.Amount,
                remaining = g.Remaining,
                held = g.Held,
                priority = g.Priority,
                effectiveAt = g.EffectiveAt,
                expiresAt = g.ExpiresAt,
                expired = g.IsExpiredAt(state.AsOf),
            }).ToList(),
            entriesRead = state.EntriesRead,
        });
    }

    internal static object BurnView(BurnReport r) => new
    {
        customerId = r.Wallet.Head.CustomerId,
        creditAccountId = r.Wallet.Head.WalletId,
        creditCurrencyId = r.Currency.Id,
        denomination = r.Currency.Denomination,
        minorUnitScale = r.Currency.MinorUnitScale,
        window = r.Burn.Window.ToString(),
        windowStart = r.Burn.Start,
        asOf = r.At,
        balance = r.Wallet.Balance,
        available = r.Wallet.Available,
        totalConsumed = r.Burn.Total,
        averageDailyBurn = Math.Round(r.Burn.AverageDaily, 2),
        daily = r.Burn.Daily.Select(Day).ToList(),
        runway = Runway(r.Runway, r.ScheduledGrants),
        features = r.Burn.Features.Select(f => new
        {
            featureSlug = f.FeatureSlug.Length == 0 ? null : f.FeatureSlug,
            totalConsumed = f.Total,
            averageDailyBurn = Math.Round(f.AverageDaily, 2),
            daily = f.Daily.Select(Day).ToList(),
            runway = Runway(r.FeatureRunways[f.FeatureSlug], r.ScheduledGrants),
        }).ToList(),
        entriesRead = r.EntriesRead,
    };

    private static object Day(DailyBurn d) => new { date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), amount = d.Amount };

    private static object Runway(RunwayProjection p, int scheduledGrants) => new
    {
        days = p.RunwayDays,
        depletesAt = p.DepletesAt,
        beyondHorizon = p.BeyondHorizon,
        horizonDays = p.HorizonDays,
        lostToExpiry = p.LostToExpiry,
        scheduledGrants,
    };
}
