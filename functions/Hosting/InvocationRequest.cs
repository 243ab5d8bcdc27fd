using System.Text.Json;

namespace UnitPay.Functions.Hosting;

/// <summary>
/// What the Functions host POSTs to a custom handler for a non-HTTP trigger: <c>{"Data": {...}, "Metadata": {...}}</c>.
/// Read case-insensitively: the host's casing is not a contract we rely on.
/// </summary>
public sealed record InvocationRequest(IReadOnlyDictionary<string, JsonElement> Data, IReadOnlyDictionary<string, JsonElement> Metadata)
{
    /// <summary>Parses a payload; throws <see cref="JsonException"/> when it is not an object with that shape.</summary>
    public static InvocationRequest Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("An invocation payload is a JSON object.");
        }

        Dictionary<string, JsonElement> data = new(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, JsonElement> metadata = new(StringComparer.OrdinalIgnoreCase);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var target = property.Name.Equals("Data", StringComparison.OrdinalIgnoreCase) ? data
                : property.Name.Equals("Metadata", StringComparison.OrdinalIgnoreCase) ? metadata
                : null;
            if (target is null || property.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var item in property.Value.EnumerateObject())
            {
                target[item.Name] = item.Value.Clone();
            }
        }

        return new InvocationRequest(data, metadata);
    }

    /// <summary>
    /// The text of a trigger's input. A queue message arrives as a JSON string holding the message text; a host that
    /// recognised the message as JSON may pass the object itself, which is turned back into its text.
    /// </summary>
    public string? TextOf(string bindingName) =>
        Data.TryGetValue(bindingName, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            }
            : null;

    public int? DequeueCount =>
        Metadata.TryGetValue("DequeueCount", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n
        : Metadata.TryGetValue("DequeueCount", out v) && v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), out n) ? n
        : null;

    public string? MetadataText(string name) =>
        Metadata.TryGetValue(name, out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;
}
