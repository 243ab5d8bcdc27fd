using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace UnitPay.Core.Idempotency;

/// <summary>
/// What "the same request" means for an <c>Idempotency-Key</c>: the same method, path, query parameters and body
/// <em>as parsed</em>, the way Stripe compares parameters rather than bytes. A JSON body is canonicalised before it
/// is hashed: insignificant whitespace is dropped, object properties are sorted by name (ordinal, recursively; repeated
/// names keep their order), strings are compared by value (<c>"\u0041"</c> is <c>"A"</c>). Numbers are compared by
/// their literal text: <c>1</c> and <c>1.0</c> differ, because they do not mean the same to this API (an integer
/// amount accepts <c>1</c> and refuses <c>1.0</c>). Array order matters. Query parameters are compared as decoded
/// name/value pairs sorted by name. A body that is not JSON is compared byte for byte.
/// </summary>
public static class RequestFingerprint
{
    private const int MaxDepth = 64;

    /// <summary>A hex SHA-256 of the canonical request; equal for requests an idempotent replay may answer.</summary>
    public static string Compute(string method, string path, string? query, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes("v1\n" + method.ToUpperInvariant() + "\n" + path + "\n" + CanonicalQuery(query) + "\n"));
        if (CanonicalJson(body) is { } json)
        {
            hash.AppendData("json\n"u8);
            hash.AppendData(json);
        }
        else
        {
            hash.AppendData("raw\n"u8);
            hash.AppendData(body);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The canonical form of a JSON body (UTF-8), or null when the body is not one JSON value.</summary>
    public static byte[]? CanonicalJson(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!JsonDocument.TryParseValue(ref reader, out var parsed) || reader.Read())
            {
                parsed?.Dispose();
                return null; // empty, or something after the value
            }

            document = parsed;
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var buffer = new ArrayBufferWriter<byte>(body.Length);
            try
            {
                using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = true, MaxDepth = MaxDepth }))
                {
                    Write(writer, document.RootElement);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                return null; // a string that is not valid UTF-16 (an escaped unpaired surrogate): compare the bytes instead
            }

            return buffer.WrittenSpan.ToArray();
        }
    }

    /// <summary>The query's name/value pairs, percent-decoded, sorted by name (values of one name keep their order).</summary>
    public static string CanonicalQuery(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return string.Empty;
        }

        var pairs = query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(part =>
            {
                var cut = part.IndexOf('=', StringComparison.Ordinal);
                return cut < 0 ? (Decode(part), string.Empty) : (Decode(part[..cut]), Decode(part[(cut + 1)..]));
            })
            .OrderBy(p => p.Item1, StringComparer.Ordinal); // OrderBy is stable
        return string.Join("&", pairs.Select(p => Uri.EscapeDataString(p.Item1) + "=" + Uri.EscapeDataString(p.Item2)));
    }

    private static string Decode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                writer.WriteBooleanValue(element.GetBoolean());
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
