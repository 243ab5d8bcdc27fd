using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Packages;
using UnitPay.Core.TopUps;
using UnitPay.Functions.Api;

namespace UnitPay.Functions.Functions;

/// <summary>Credit packages: create, read, list, archive, and purchase (settled as a top-up is).</summary>
public sealed class CreditPackageFunctions(CreditPackageService packages, TopUpService topUps)
{
    [Function("CreateCreditPackageHttp")]
    public async Task<IResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/credit-packages")] HttpRequest req)
    {
        var http = req.HttpContext;
        var body = await RequestBody.ReadAsync<CreditPackageDraft>(http.Request);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        if (body.Value!.CreditCurrencyId is { } currencyId && EdgeInput.CheckId("creditCurrencyId", currencyId) is { } badId)
        {
            return Problems.From(badId);
        }

        var created = await packages.CreateAsync(http.OrgId(), body.Value, http.RequestAborted);
        return created.IsSuccess
            ? Results.Created($"/v1/credit-packages/{created.Value!.Id}", created.Value)
            : Problems.From(created.Failure!);
    }

    /// <summary><c>GET /v1/credit-packages?limit=&amp;cursor=&amp;includeArchived=</c>: oldest first; archived ones only when asked.</summary>
    [Function("ListCreditPackagesHttp")]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/credit-packages")] HttpRequest req)
    {
        var http = req.HttpContext;
        var q = http.Request.Query;
        var limit = 20;
        if (q["limit"].ToString() is { Length: > 0 } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            return Problems.Validation("limit", $"limit must be a whole number from 1 (it is capped at {CreditPackageService.MaxPageSize}).");
        }

        var includeArchived = false;
        if (q["includeArchived"].ToString() is { Length: > 0 } archivedText && !bool.TryParse(archivedText, out includeArchived))
        {
            return Problems.Validation("includeArchived", "includeArchived must be true or false.");
        }

        var page = await packages.ListAsync(
            http.OrgId(),
            new CreditPackageQuery(Math.Min(limit, CreditPackageService.MaxPageSize), q["cursor"].ToString() is { Length: > 0 } cursor ? cursor : null, includeArchived),
            http.RequestAborted);
        return page.IsSuccess
            ? Results.Ok(new { packages = page.Value!.Packages, nextCursor = page.Value.NextCursor })
            : Problems.From(page.Failure!);
    }

    [Function("GetCreditPackageHttp")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/credit-packages/{id}")] HttpRequest req, string id) =>
        await packages.GetAsync(req.HttpContext.OrgId(), id, req.HttpContext.RequestAborted) is { } package
            ? Results.Ok(package)
            : Problems.NotFound("Credit package " + id);

    /// <summary>It sells no more; purchases made stand. Archiving again answers the archived package.</summary>
    [Function("ArchiveCreditPackageHttp")]
    public async Task<IResult> ArchiveAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/credit-packages/{id}/archive")] HttpRequest req, string id)
    {
        var archived = await packages.ArchiveAsync(req.HttpContext.OrgId(), id, req.HttpContext.RequestAborted);
        return archived.IsSuccess ? Results.Ok(archived.Value) : Problems.From(archived.Failure!);
    }

    /// <summary><c>POST /v1/credit-packages/{id}/purchase</c> <c>{customerId, creditCurrencyId?, forceForm?}</c> -> 201 settlement, as <c>POST /v1/top-ups</c>.</summary>
    [Function("PurchaseCreditPackageHttp")]
    public async Task<IResult> PurchaseAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/credit-packages/{id}/purchase")] HttpRequest req, string id)
    {
        var http = req.HttpContext;
        var body = await RequestBody.ReadAsync<PurchaseBody>(http.Request);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        var b = body.Value!;
        if (((b.CustomerId is null ? null : IdRules.ValidateCustomerRef("customerId", b.CustomerId))
            ?? (b.CreditCurrencyId is null ? null : EdgeInput.CheckId("creditCurrencyId", b.CreditCurrencyId))) is { } bad)
        {
            return Problems.From(bad);
        }

        var settled = await topUps.PurchasePackageAsync(http.OrgId(), new PackagePurchaseRequest
        {
            PackageId = id,
            CustomerId = b.CustomerId,
            CreditCurrencyId = b.CreditCurrencyId,
            ForceForm = b.ForceForm ?? false,
            IdempotencyKey = TopUpFunctions.IdempotencyKeyOf(http.Request),
        }, http.RequestAborted);
        return settled.IsSuccess ? TopUpFunctions.Settlement(settled.Value!) : Problems.From(settled.Failure!);
    }

    private sealed record PurchaseBody(string? CustomerId, string? CreditCurrencyId, bool? ForceForm);
}
