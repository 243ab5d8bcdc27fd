using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.AutoTopUp;
using UnitPay.Core.Catalog;
using UnitPay.Core.Grants;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Ledger;
using UnitPay.Core.Wallets;
using UnitPay.Functions.Api;

namespace UnitPay.Functions.Functions;

/// <summary>Credit accounts (wallets), grants and the ledger.</summary>
public sealed class CreditFunctions(CreditAccountService accounts, CatalogReader catalog, CatalogStore catalogStore, AutoTopUpRuleService autoTopUps)
{
    [Function("FreezeCreditAccountHttp")]
    public Task<IResult> FreezeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/credit-accounts/{id}/freeze")] HttpRequest req, string id) =>
        SetStatusAsync(id, WalletStatus.Frozen, req.HttpContext);

    [Function("UnfreezeCreditAccountHttp")]
    public Task<IResult> UnfreezeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/credit-accounts/{id}/unfreeze")] HttpRequest req, string id) =>
        SetStatusAsync(id, WalletStatus.Active, req.HttpContext);

    [Function("ListCreditAccountsHttp")]
    public async Task<IResult> ListAccountsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/credit-accounts")] HttpRequest req)
    {
        var http = req.HttpContext;
        var orgId = http.OrgId();
        var customerId = http.Request.Query["customerId"].ToString();
        if (string.IsNullOrEmpty(customerId))
        {
            return Problems.Validation("customerId", "customerId is required.");
        }

        var customer = await catalog.CustomerAsync(orgId, customerId, http.RequestAborted);
        if (customer is null)
        {
            return Problems.NotFound("Customer " + customerId);
        }

        var views = await accounts.ListAsync(orgId, customer.Id, http.RequestAborted);
        var result = new List<object>();
        foreach (var view in views)
        {
            result.Add(await AccountViewAsync(orgId, view, http.RequestAborted));
        }

        return Results.Ok(new { accounts = result });
    }

    [Function("GetCreditAccountHttp")]
    public async Task<IResult> GetAccountAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/credit-accounts/{id}")] HttpRequest req, string id)
    {
        var http = req.HttpContext;
        var orgId = http.OrgId();
        var view = await accounts.GetAsync(orgId, id, http.RequestAborted);
        return view is null
            ? Problems.NotFound("Credit account " + id)
            : Results.Ok(await AccountViewAsync(orgId, view, http.RequestAborted));
    }

    private async Task<IResult> SetStatusAsync(string id, WalletStatus status, HttpContext http)
    {
        var orgId = http.OrgId();
        var result = await accounts.SetStatusAsync(orgId, id, status, http.RequestAborted);
        return result.IsSuccess
            ? Results.Ok(await AccountViewAsync(orgId, result.Value!, http.RequestAborted))
            : Problems.From(result.Failure!);
    }

    /// <summary>An account as the API shows it: its currency, and its auto top-up rule with what the attempt log says of it.</summary>
    private async Task<object> AccountViewAsync(string orgId, WalletView view, CancellationToken cancellationToken) =>
        CreditViews.Account(view, await catalog.CurrencyAsync(orgId, view.Head.CurrencyId, cancellationToken), await autoTopUps.WalletStateAsync(view.Head, cancellationToken));

    [Function("CreateCreditGrantHttp")]
    public async Task<IResult> GrantAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/credit-grants")] HttpRequest req)
    {
        var http = req.HttpContext;
        var body = await RequestBody.ReadAsync<GrantBody>(http.Request);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        var b = body.Value!;
        if ((IdRules.ValidateCustomerRef("customerId", b.CustomerId) ?? EdgeInput.CheckId("creditCurrencyId", b.CreditCurrencyId)) is { } badId)
        {
            return Problems.From(badId);
        }

        if (b.Amount is null)
        {
            return Problems.Validation("amount", "amount is required: a positive integer of minor units.");
        }

        var source = GrantSource.Manual;
        if (b.Source is not null && (!GrantSources.TryParse(b.Source, out source) || source is not (GrantSource.Manual or GrantSource.Promotional)))
        {
            return Problems.Validation("source", "source must be 'manual' or 'promotional' (other sources are issued by plans, packages and top-ups).");
        }

        if (b.Reason is { Length: > 500 })
        {
            return Problems.Validation("reason", "reason must be at most 500 characters.");
        }

        var result = await accounts.GrantAsync(http.OrgId(), new GrantRequest
        {
            CustomerId = b.CustomerId!,
            CreditCurrencyId = b.CreditCurrencyId!,
            Amount = b.Amount.Value,
            Source = source,
            Priority = b.Priority,
            EffectiveAt = b.EffectiveAt,
            ExpiresAt = b.ExpiresAt,
            Reason = b.Reason,
        }, http.RequestAborted);
        if (!result.IsSuccess)
        {
            return Problems.From(result.Failure!);
        }

        var (walletId, grant, entry) = result.Value;
        var view = await accounts.GetAsync(http.OrgId(), walletId, http.RequestAborted);
        return Results.Created($"/v1/credit-grants/{grant.Id}", CreditViews.Grant(walletId, view?.Head, grant, WalletRows.LedgerEntryId(walletId, entry.Sequence)));
    }

    [Function("VoidCreditGrantHttp")]
    public async Task<IResult> VoidAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/credit-grants/{id}/void")] HttpRequest req, string id)
    {
        var http = req.HttpContext;
        var body = await RequestBody.ReadOptionalAsync<VoidBody>(http.Request);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        var result = await accounts.VoidAsync(http.OrgId(), id, body.Value?.Reason, http.RequestAborted);
        if (!result.IsSuccess)
        {
            return Problems.From(result.Failure!);
        }

        CreditAccountService.TryWalletOfGrant(id, out var walletId);
        var (grant, entry) = result.Value;
        return Results.Ok(CreditViews.Grant(walletId, null, grant, entry is null ? null : WalletRows.LedgerEntryId(walletId, entry.Sequence)));
    }

    [Function("ListCreditLedgerHttp")]
    public async Task<IResult> LedgerAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/credit-ledger")] HttpRequest req)
    {
        var http = req.HttpContext;
        var q = http.Request.Query;
        var orgId = http.OrgId();
        string? customerId = null;
        if (q["customerId"].ToString() is { Length: > 0 } given)
        {
            var customer = await catalog.CustomerAsync(orgId, given, http.RequestAborted);
            if (customer is null)
            {
                return Problems.NotFound("Customer " + given);
            }

            customerId = customer.Id;
        }

        LedgerEntryType? type = null;
        if (q["type"].ToString() is { Length: > 0 } typeText)
        {
            if (!LedgerNames.TryParseType(typeText, out var parsed))
            {
                return Problems.Validation("type", "type must be one of credit, debit, hold, release, expire, adjustment.");
            }

            type = parsed;
        }

        string? featureSlug = null;
        if (q["featureId"].ToString() is { Length: > 0 } featureId)
        {
            var feature = await catalogStore.GetFeatureAsync(orgId, featureId, http.RequestAborted);
            if (feature is null)
            {
                return Problems.NotFound("Feature " + featureId);
            }

            featureSlug = feature.Slug;
        }

        if (!TryTime(q["createdAfter"], out var after) || !TryTime(q["createdBefore"], out var before))
        {
            return Problems.Validation("createdAfter", "createdAfter and createdBefore must be ISO-8601 date-times.");
        }

        var limit = 50;
        if (q["limit"].ToString() is { Length: > 0 } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            return Problems.Validation("limit", "limit must be a whole number from 1 (it is capped at 100).");
        }

        var page = await accounts.ReadLedgerAsync(orgId, new LedgerQuery
        {
            CustomerId = customerId,
            CreditAccountId = q["creditAccountId"].ToString() is { Length: > 0 } a ? a : null,
            CreditCurrencyId = q["creditCurrencyId"].ToString() is { Length: > 0 } c ? c : null,
            Type = type,
            FeatureSlug = featureSlug,
            CreatedAfter = after,
            CreatedBefore = before,
            Limit = Math.Min(limit, CreditAccountService.MaxLedgerPageSize),
            Cursor = q["cursor"].ToString() is { Length: > 0 } cursor ? cursor : null,
        }, http.RequestAborted);
        return page.IsSuccess
            ? Results.Ok(new { entries = page.Value!.Entries.Select(e => CreditViews.Entry(e.WalletId, e.Entry)).ToList(), nextCursor = page.Value.NextCursor })
            : Problems.From(page.Failure!);
    }

    private static bool TryTime(Microsoft.Extensions.Primitives.StringValues value, out DateTimeOffset? time)
    {
        time = null;
        if (value.Count == 0 || string.IsNullOrEmpty(value.ToString()))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }

    private sealed record GrantBody(string? CustomerId, string? CreditCurrencyId, long? Amount, string? Source, int? Priority, DateTimeOffset? EffectiveAt, DateTimeOffset? ExpiresAt, string? Reason);

    private sealed record VoidBody(string? Reason);
}
