using UnitPay.Core.Identifiers;
using UnitPay.Core.Plans;

namespace UnitPay.Functions.Api;

/// <summary>Plans: a price and the credits it grants.</summary>
public static class PlanEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/plans", CreateAsync);
        app.MapGet("/v1/plans", async (HttpContext http, PlanStore plans) =>
            Results.Ok(new { plans = await plans.ListAsync(http.OrgId(), http.RequestAborted) }));
        app.MapGet("/v1/plans/{id}", async (string id, HttpContext http, PlanStore plans) =>
            Ids.HasPrefix(id, "plan") && await plans.GetAsync(http.OrgId(), id, http.RequestAborted) is { } plan
                ? Results.Ok(plan)
                : Problems.NotFound("Plan " + id));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, PlanService plans)
    {
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
