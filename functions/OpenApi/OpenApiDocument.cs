using System.Text.Json.Nodes;

namespace UnitPay.Functions.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of the HTTP API. It is kept in the repository (<c>functions/OpenApi/openapi.json</c>,
/// embedded in the assembly) rather than generated: the isolated worker's functions are not minimal-API endpoints, so
/// there is nothing for an OpenAPI generator to read. Tests hold it to the code: every function has an operation, and
/// real answers validate against its schemas.
/// </summary>
public static class OpenApiDocument
{
    public const string ResourceName = "UnitPay.Functions.OpenApi.openapi.json";

    private static readonly Lazy<string> Text = new(ReadResource);

    /// <summary>The document as kept (its <c>servers</c> is a placeholder), a fresh copy the caller may change.</summary>
    public static JsonObject Load() => JsonNode.Parse(Text.Value)!.AsObject();

    /// <summary>The document with <c>servers</c> set to <paramref name="baseUrl"/>, the URL its paths hang from.</summary>
    public static JsonObject ForServer(string baseUrl)
    {
        var document = Load();
        document["servers"] = new JsonArray(new JsonObject { ["url"] = baseUrl });
        return document;
    }

    /// <summary>
    /// The base URL a caller reached the app at: scheme, host and path base of the request. A front end that
    /// terminates TLS (App Service, a gateway) says so in X-Forwarded-Proto/X-Forwarded-Host, which win when present.
    /// Both only shape the document sent back to the same caller.
    /// </summary>
    public static string BaseUrlOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scheme = First(request.Headers["X-Forwarded-Proto"].ToString()) ?? request.Scheme;
        var host = First(request.Headers["X-Forwarded-Host"].ToString()) ?? request.Host.Value;
        return $"{scheme}://{host}{request.PathBase}";
    }

    private static string? First(string header) =>
        header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

    private static string ReadResource()
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The OpenAPI document is not embedded as {ResourceName}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
