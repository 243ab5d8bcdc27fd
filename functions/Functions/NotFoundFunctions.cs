using Microsoft.Azure.Functions.Worker;
using UnitPay.Functions.Api;

namespace UnitPay.Functions.Functions;

/// <summary>
/// Any /v1 path no other function serves: a 404 problem+json, not the host's bare 404. Literal and parameter routes
/// take precedence over this catch-all, under the Functions host and the local host alike.
/// </summary>
public static class NotFoundFunctions
{
    [Function("RouteNotFoundHttp")]
    public static IResult NotFound([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "delete", "patch", Route = "v1/{*path}")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return Problems.NotFound($"Route {req.Method} {req.Path}");
    }
}
