namespace UnitPay.Functions.Api;

/// <summary>An answer rendered to text (status, content type, body), so it can be kept and replayed as it was.</summary>
public sealed class StoredResult(int statusCode, string contentType, string body) : IResult
{
    public int StatusCode { get; } = statusCode;

    public string ContentType { get; } = contentType;

    public string Body { get; } = body;

    /// <summary>Runs <paramref name="result"/> against the response with its body captured. Headers it sets (Location) stay on the response.</summary>
    public static async Task<StoredResult> RenderAsync(HttpContext http, IResult result)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(result);
        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            await result.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        captured.Position = 0;
        using var reader = new StreamReader(captured);
        return new StoredResult(http.Response.StatusCode, http.Response.ContentType ?? "application/json", await reader.ReadToEndAsync(http.RequestAborted));
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = ContentType;
        await httpContext.Response.WriteAsync(Body, httpContext.RequestAborted);
    }
}
