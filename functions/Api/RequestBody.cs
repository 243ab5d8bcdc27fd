using System.Text.Json;
using UnitPay.Core.Results;
using UnitPay.Core.Storage;

namespace UnitPay.Functions.Api;

/// <summary>Reads JSON request bodies; malformed JSON or wrong types become a 400 VALIDATION_FAILED, never a 5xx.</summary>
public static class RequestBody
{
    public static async Task<Outcome<T>> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ContentTypeProblem(request) is { } wrongType)
        {
            return wrongType;
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, JsonRows.Options, request.HttpContext.RequestAborted);
            return value is null ? Failure.Validation("body", "The body must be a JSON object.") : value;
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return field == "body"
                ? Failure.Validation(field, "The body is not valid JSON: " + Clean(e.Message))
                : Failure.Validation(field, $"{field} has the wrong type (see the API reference for its shape).");
        }
    }

    /// <summary>A refusal when the request says its body is not JSON (no Content-Type is read as JSON); null otherwise.</summary>
    public static Failure? ContentTypeProblem(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase)
            ? Failure.Validation("body", "The body must be JSON (Content-Type: application/json).")
            : null;
    }

    /// <summary>
    /// Reads a body that may be absent (an empty POST, with or without Content-Length): null when there is none,
    /// otherwise as <see cref="ReadAsync{T}"/>.
    /// </summary>
    public static async Task<Outcome<T?>> ReadOptionalAsync<T>(HttpRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength == 0)
        {
            return (T?)null;
        }

        request.EnableBuffering();
        var first = new byte[1];
        var read = await request.Body.ReadAsync(first, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        if (read == 0)
        {
            return (T?)null;
        }

        var body = await ReadAsync<T>(request);
        return body.IsSuccess ? body.Value : body.Failure!;
    }

    // System.Text.Json messages mention CLR types and paths; keep the part a caller can act on.
    internal static string Clean(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return text.Contains("UnitPay.", StringComparison.Ordinal) ? "a value has the wrong type." : text;
    }
}
