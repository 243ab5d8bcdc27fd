using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.AutoTopUp;
using UnitPay.Core.Identifiers;
using UnitPay.Functions.Api;

namespace UnitPay.Functions.Functions;

/// <summary>
/// Auto top-up rules, one per customer and credit currency: set (the wallet is created if missing), read, and
/// disable (the rule is kept, so turning it on again pre-fills it).
/// </summary>
public sealed class AutoTopUpFunctions(AutoTopUpRuleService rules)
{
    private const string Route = "v1/customers/{id}/auto-topup-rules/{creditCurrencyId}";

    [Function("PutAutoTopUpRuleHttp")]
    public async Task<IResult> PutAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route)] HttpRequest req, string id, string creditCurrencyId)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var body = await RequestBody.ReadAsync<AutoTopUpRuleRequest>(req);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        if (body.Value!.CreditPackageId is { } packageId && EdgeInput.CheckId("creditPackageId", packageId) is { } badPackage)
        {
            return Problems.From(badPackage);
        }

        var result = await rules.PutAsync(http.OrgId(), id, creditCurrencyId, body.Value, http.RequestAborted);
        return result.IsSuccess ? Results.Ok(result.Value) : Problems.From(result.Failure!);
    }

    [Function("GetAutoTopUpRuleHttp")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req, string id, string creditCurrencyId)
    {
        ArgumentNullException.ThrowIfNull(req);
        var result = await rules.GetAsync(req.HttpContext.OrgId(), id, creditCurrencyId, req.HttpContext.RequestAborted);
        return result.IsSuccess ? Results.Ok(result.Value) : Problems.From(result.Failure!);
    }

    [Function("DisableAutoTopUpRuleHttp")]
    public async Task<IResult> DisableAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route)] HttpRequest req, string id, string creditCurrencyId)
    {
        ArgumentNullException.ThrowIfNull(req);
        var result = await rules.DisableAsync(req.HttpContext.OrgId(), id, creditCurrencyId, req.HttpContext.RequestAborted);
        return result.IsSuccess ? Results.Ok(result.Value) : Problems.From(result.Failure!);
    }
}
