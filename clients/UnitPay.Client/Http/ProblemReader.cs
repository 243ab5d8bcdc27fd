using System.Globalization;
using System.Net;
using System.Text.Json;

namespace UnitPay.Client.Http;

/// <summary>Turns an answer that is not a success into a <see cref="UnitPayApiException"/>.</summary>
internal static class ProblemReader
{
    public static async Task<UnitPayApiException> ReadAsync(HttpResponseMessage response, TimeProvider clock, CancellationToken cancellationToken)
    {
        var retryAfter = ClientPipeline.RetryAfterOf(response, clock);
        var fallbackCode = "HTTP_" + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Unparsed(response.StatusCode, fallbackCode, text, retryAfter);
            }

            var errors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in list.EnumerateObject())
                {
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                        ? [.. field.Value.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : m.GetRawText())]
                        : [field.Value.ToString()];
                }
            }

            return new UnitPayApiException(
                response.StatusCode,
                String(root, "code") ?? fallbackCode,
                String(root, "title"),
                String(root, "detail"),
                errors,
                retryAfter);
        }
        catch (JsonException)
        {
            return Unparsed(response.StatusCode, fallbackCode, text, retryAfter);
        }
    }

    private static UnitPayApiException Unparsed(HttpStatusCode status, string code, string text, TimeSpan? retryAfter) =>
        new(status, code, null, text.Length > 500 ? text[..500] : text, null, retryAfter);

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
