using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Plans;
using UnitPay.Functions.Api;

namespace UnitPay.Functions.Functions;

/// <summary>Plans: a price and the credits it grants.</summary>
public sealed class PlanFunctions(PlanStore store, PlanService plans)
{
    [Function("ListPlansHttp")]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/plans")] HttpRequest req) =>
        Results.Ok(new { plans = await store.ListAsync(req.HttpContext.OrgId(), req.HttpContext.RequestAborted) });

    [Function("GetPlanHttp")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/plans/{id}")] HttpRequest req, string id) =>
        Ids.HasPrefix(id, "plan") && await store.GetAsync(req.HttpContext.OrgId(), id, req.HttpContext.RequestAborted) is { } plan
            ? Results.Ok(plan)
            : Problems.NotFound("Plan " + id);

    [Function("CreatePlanHttp")]
    public async Task<IResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/plans")] HttpRequest req)
    {
        var http = req.HttpContext;
        var body = await RequestBody.ReadAsync<PlanDraft>(http.Request);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        var created = await plans.CreateAsync(http.OrgId(), body.Value!, http.RequestAborted);
        return created.IsSuccess
            ? Results.Created($"/v1/plans/{created.Value!.Id}", created.Value)
            : Problems.From(created.Failure!);
    }
}
