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
        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return Failure.Validation("body", "The body must be JSON (Content-Type: application/json).");
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

    // System.Text.Json messages mention CLR types and paths; keep the part a caller can act on.
    internal static string Clean(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return text.Contains("UnitPay.", StringComparison.Ordinal) ? "a value has the wrong type." : text;
    }
}
