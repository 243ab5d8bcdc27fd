using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace UnitPay.Functions.OpenApi;

/// <summary>Schemas as HTML: a type label (references become links), and the fields of an object, nested objects inline.</summary>
public static partial class ApiReferencePage
{
    private const string SchemaRefPrefix = "#/components/schemas/";
    private const int MaxDepth = 4;

    private const string Css =
        "body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1d2433;background:#fff}"
        + "header,nav,main{max-width:60rem;margin:0 auto;padding:0 1rem}header{border-bottom:1px solid #d8dde6}"
        + "h1 small{font-size:.6em;color:#5b6577}h2{margin-top:2.5rem;border-bottom:2px solid #d8dde6}"
        + "article{border:1px solid #d8dde6;border-radius:6px;padding:.25rem 1rem;margin:1.25rem 0}"
        + "article h3{font-size:1.05rem;overflow-wrap:anywhere}code{font:.9em ui-monospace,Menlo,Consolas,monospace;background:#f3f5f8;padding:0 .2em;border-radius:3px;overflow-wrap:anywhere}"
        + ".m{display:inline-block;min-width:3.6em;text-align:center;font:700 .75rem ui-monospace,monospace;color:#fff;border-radius:3px;padding:.1em .3em}"
        + ".get{background:#2f7d32}.post{background:#1f5fbf}.put{background:#8a5a00}.delete{background:#b3261e}.patch{background:#6b3fa0}"
        + ".summary{font-weight:600}.meta{color:#5b6577;font-size:.9rem}.req{color:#b3261e;font-size:.8rem}"
        + ".status{font-weight:700}.s2{color:#2f7d32}.s4{color:#b3261e}.s5{color:#8a5a00}"
        + "table{border-collapse:collapse;width:100%;display:block;overflow-x:auto}th,td{text-align:left;vertical-align:top;border-bottom:1px solid #e6e9ef;padding:.3rem .5rem}"
        + "ul.fields{list-style:none;padding-left:1rem;border-left:2px solid #e6e9ef}ul.fields li{margin:.2rem 0}.type{color:#5b6577}"
        + "nav ul{columns:2 18rem;padding-left:1rem}nav li{break-inside:avoid}a{color:#1f5fbf}"
        + "@media (max-width:40rem){body{font-size:15px}article{padding:.25rem .6rem}}";

    private static void AppendSchemas(StringBuilder html, JsonObject document)
    {
        html.Append("<section id=\"schemas\"><h2>Schemas</h2>");
        foreach (var (name, schema) in document["components"]?["schemas"]?.AsObject() ?? [])
        {
            html.Append("<div class=\"schema\" id=\"schema-").Append(Anchor(name)).Append("\"><h3>").Append(Encode(name)).Append("</h3>");
            if (schema is JsonObject o && Str(o, "description") is { } description)
            {
                html.Append("<p>").Append(Prose(description)).Append("</p>");
            }

            html.Append("<p>").Append(TypeOf(schema, linkSelf: false)).Append("</p>");
            AppendFields(html, schema, 0);
            html.Append("</div>");
        }

        html.Append("</section>");
    }

    /// <summary>The fields of <paramref name="schema"/>, following one reference (an operation shows its body's fields).</summary>
    private static void AppendFieldsOf(StringBuilder html, JsonObject document, JsonNode? schema)
    {
        var target = schema?["$ref"] is not null ? Resolve(document, schema) : schema;
        AppendFields(html, target, 0);
        if (target?["anyOf"] is JsonArray alternatives)
        {
            foreach (var alternative in alternatives)
            {
                html.Append("<p>or ").Append(TypeOf(alternative)).Append("</p>");
                AppendFields(html, alternative?["$ref"] is not null ? Resolve(document, alternative) : alternative, 0);
            }
        }
    }

    private static void AppendFields(StringBuilder html, JsonNode? schema, int depth)
    {
        if (schema?["properties"] is not JsonObject properties || properties.Count == 0 || depth > MaxDepth)
        {
            return;
        }

        var required = (schema["required"] as JsonArray ?? []).Select(r => r?.GetValue<string>()).ToHashSet();
        html.Append("<ul class=\"fields\">");
        foreach (var (name, property) in properties)
        {
            html.Append("<li><code>").Append(Encode(name)).Append("</code> <span class=\"type\">").Append(TypeOf(property)).Append("</span>");
            if (required.Contains(name))
            {
                html.Append(" <span class=\"req\">required</span>");
            }

            if (property is JsonObject p && Str(p, "description") is { } description)
            {
                html.Append(" — ").Append(Prose(description));
            }

            AppendFields(html, property, depth + 1);
            if (property?["items"] is JsonObject items && items["$ref"] is null)
            {
                AppendFields(html, items, depth + 1);
            }

            html.Append("</li>");
        }

        html.Append("</ul>");
    }

    /// <summary>A short type label: <c>string (date-time)</c>, <c>array of Feature</c>, <c>Money or null</c>, enums listed.</summary>
    private static string TypeOf(JsonNode? schema, bool linkSelf = true)
    {
        if (schema is not JsonObject s)
        {
            return "any";
        }

        if (Str(s, "$ref") is { } reference)
        {
            var name = reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal) ? reference[SchemaRefPrefix.Length..] : reference;
            return linkSelf ? $"<a href=\"#schema-{Anchor(name)}\">{Encode(name)}</a>" : Encode(name);
        }

        foreach (var combinator in new[] { "oneOf", "anyOf" })
        {
            if (s[combinator] is JsonArray choices)
            {
                return string.Join(" or ", choices.Select(c => TypeOf(c)));
            }
        }

        if (s["allOf"] is JsonArray parts)
        {
            return string.Join(" and ", parts.Where(p => p?["$ref"] is not null).Select(p => TypeOf(p)));
        }

        var types = s["type"] switch
        {
            JsonArray list => list.Select(t => t?.GetValue<string>() ?? "null").ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => ["any"],
        };
        var label = string.Join(" or ", types.Select(t => t switch
        {
            "array" => "array of " + TypeOf(s["items"]),
            "object" when s["properties"] is null && s["additionalProperties"] is JsonObject values => "map of " + TypeOf(values),
            _ => Encode(t),
        }));
        if (Str(s, "format") is { } format)
        {
            label += $" ({Encode(format)})";
        }

        if (s["enum"] is JsonArray values2)
        {
            label += ": " + string.Join(" | ", values2.Select(v => v is null ? "null" : "<code>" + Encode(v.ToString()) + "</code>"));
        }

        return label;
    }

    /// <summary>The codes a problem answer enumerates (<c>allOf: [Problem, {properties: {code: {enum}}}]</c>); empty otherwise.</summary>
    private static List<string> ProblemCodesOf(JsonNode? schema) =>
        schema?["allOf"] is JsonArray parts
            ? [.. parts.SelectMany(p => p?["properties"]?["code"]?["enum"] as JsonArray ?? []).Select(c => c!.GetValue<string>())]
            : [];

    /// <summary>Follows a local reference (<c>#/components/...</c>) to what it names; anything else is itself.</summary>
    private static JsonNode? Resolve(JsonObject document, JsonNode? node)
    {
        if (node is not JsonObject o || Str(o, "$ref") is not { } reference || !reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return node;
        }

        JsonNode? target = document;
        foreach (var segment in reference[2..].Split('/'))
        {
            target = target?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return target;
    }

    private static string? Str(JsonObject? node, string name) => node?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>Encoded text with <c>`code`</c> spans (the document's descriptions use them).</summary>
    private static string Prose(string? text) => CodeSpan().Replace(Encode(text), "<code>$1</code>");

    private static string Anchor(string text) => Encode(AnchorUnsafe().Replace(text, "-"));

    private static string Badge(string method) => $"<span class=\"m {method}\">{method.ToUpperInvariant()}</span>";

    [GeneratedRegex("`([^`]+)`", RegexOptions.CultureInvariant)]
    private static partial Regex CodeSpan();

    [GeneratedRegex("[^A-Za-z0-9_-]", RegexOptions.CultureInvariant)]
    private static partial Regex AnchorUnsafe();
}
