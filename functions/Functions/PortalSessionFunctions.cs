using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.Portal;
using UnitPay.Functions.Api;

namespace UnitPay.Functions.Functions;

/// <summary>Portal sessions: a short-lived signed link to one customer's self-service page (served by <see cref="PortalFunctions"/>).</summary>
public sealed class PortalSessionFunctions(PortalSessionService sessions)
{
    /// <summary><c>POST /v1/customers/{id}/portal-sessions</c> <c>{returnUrl?}</c> -> 201 <c>{url, expiresAt, customerId, returnUrl}</c>.</summary>
    [Function("CreatePortalSessionHttp")]
    public async Task<IResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/customers/{id}/portal-sessions")] HttpRequest req, string id)
    {
        var http = req.HttpContext;
        var body = await RequestBody.ReadOptionalAsync<SessionBody>(http.Request);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        var created = await sessions.CreateAsync(http.OrgId(), id, body.Value?.ReturnUrl, http.RequestAborted);
        if (!created.IsSuccess)
        {
            return Problems.From(created.Failure!);
        }

        var (session, token) = created.Value;
        var url = $"{http.Request.Scheme}://{http.Request.Host}{Portal.PortalRoutes.PathOf(token)}";
        return Results.Created(url, new { url, expiresAt = session.ExpiresAt, customerId = session.CustomerId, returnUrl = session.ReturnUrl });
    }

    private sealed record SessionBody(string? ReturnUrl);
}
