using Microsoft.Azure.Functions.Worker;
using UnitPay.Functions.OpenApi;

namespace UnitPay.Functions.Functions;

/// <summary>The API reference, no key: the OpenAPI document, and the same rendered as HTML (no script, no CDN: it works offline).</summary>
public static class OpenApiFunctions
{
    /// <summary><c>GET /v1/openapi.json</c>: the OpenAPI 3.1 document, its <c>servers</c> the base URL the request came to.</summary>
    [Function("GetOpenApiDocumentHttp")]
    public static IResult GetDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/openapi.json")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return Results.Text(OpenApiDocument.ForServer(OpenApiDocument.BaseUrlOf(req)).ToJsonString(), "application/json; charset=utf-8");
    }

    /// <summary><c>GET /v1/docs</c>: the document as a browsable HTML reference, rendered here from the document.</summary>
    [Function("GetApiReferenceHttp")]
    public static IResult GetReference([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/docs")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);

        // The page is self-contained; the policy makes sure it stays so (no script, nothing fetched from elsewhere).
        req.HttpContext.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        var html = ApiReferencePage.Render(OpenApiDocument.ForServer(OpenApiDocument.BaseUrlOf(req)));
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
