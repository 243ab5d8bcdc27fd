using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using UnitPay.Functions.OpenApi;

namespace UnitPay.Functions.Tests.OpenApi;

/// <summary>
/// The kept OpenAPI document, read for tests: its operations, and a validator of answers against the schema documented
/// for their status. OpenAPI 3.1 schemas are JSON Schema 2020-12, so each answer schema is evaluated by JsonSchema.Net
/// as one 2020-12 schema whose <c>$defs</c> are the document's <c>components/schemas</c> (references rewritten from
/// <c>#/components/schemas/X</c> to <c>#/$defs/X</c>).
/// </summary>
/// <remarks>
/// Strictness is the document's: answer objects are closed (<c>additionalProperties: false</c>) and list every member
/// the code always writes as <c>required</c>, so a renamed, dropped or new field fails validation until the document
/// says so. Request bodies and problems stay open (the API ignores members it does not read; RFC 9457 allows
/// extensions). Formats are asserted, not just annotated: a <c>date-time</c> that is not one fails.
/// </remarks>
internal sealed partial class OpenApiSpec
{
    private const string Dialect = "https://json-schema.org/draft/2020-12/schema";
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch"];
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly string _defs;

    static OpenApiSpec()
    {
        // OpenAPI's own integer formats, checked as the ranges they name.
        FormatRegistry.Global.Register(new PredicateFormat("int32", e => e.ValueKind != JsonValueKind.Number || e.TryGetInt32(out _)));
        FormatRegistry.Global.Register(new PredicateFormat("int64", e => e.ValueKind != JsonValueKind.Number || e.TryGetInt64(out _)));
    }

    public OpenApiSpec(JsonObject document)
    {
        Document = document;
        Operations = [.. OperationsOf(document)];
        _defs = RewriteRefs(document["components"]!["schemas"]!.ToJsonString());
    }

    public static OpenApiSpec Kept { get; } = new(OpenApiDocument.Load());

    public JsonObject Document { get; }

    public IReadOnlyList<SpecOperation> Operations { get; }

    public static EvaluationOptions Evaluation { get; } = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>The operation a request is for: the path template that matches, literal segments winning over parameters.</summary>
    public SpecOperation? Find(string method, string path)
    {
        var bare = path.Split('?')[0];
        return Operations
            .Where(o => o.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && o.Pattern.IsMatch(bare))
            .OrderByDescending(o => o.Path.Split('/').Count(s => !s.StartsWith('{')))
            .FirstOrDefault();
    }

    /// <summary>
    /// The problems with an answer: its status not documented for the operation, its media type not documented, or its
    /// body not valid against the documented schema. Empty when it conforms.
    /// </summary>
    public List<string> Check(SpecOperation operation, int status, string? mediaType, string body)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var where = $"{operation.Id} {status}";
        var responses = operation.Node["responses"]!.AsObject();
        if (Resolve(responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses["default"]) is not JsonObject response)
        {
            return [$"{where}: status {status} is not documented (documented: {string.Join(", ", responses.Select(r => r.Key))}); body {Short(body)}"];
        }

        var media = (mediaType ?? string.Empty).Split(';')[0].Trim();
        if (response["content"] is null)
        {
            return body.Length == 0 ? [] : [$"{where}: documented without content, answered {Short(body)}"]; // a redirect
        }

        if (response["content"]?[media]?["schema"] is not { } schemaNode)
        {
            return [$"{where}: media type '{media}' is not documented for this answer"];
        }

        if (media is not ("application/json" or "application/problem+json"))
        {
            return []; // text/html: the schema says string, nothing more to check
        }

        var schema = _schemas.GetOrAdd(schemaNode.ToJsonString(), Build);
        using var instance = JsonDocument.Parse(body);
        var result = schema.Evaluate(instance.RootElement, Evaluation);
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{where}: at '{d.InstanceLocation}' ({d.EvaluationPath}): {e.Value}"))
                .DefaultIfEmpty($"{where}: does not validate: {Short(body)}")];
    }

    /// <summary>Follows a local reference (<c>#/components/...</c>); anything else is itself; null when it names nothing.</summary>
    public JsonNode? Resolve(JsonNode? node)
    {
        if (node is not JsonObject o || o["$ref"]?.GetValue<string>() is not { } reference)
        {
            return node;
        }

        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        JsonNode? target = Document;
        foreach (var segment in reference[2..].Split('/'))
        {
            target = target is JsonObject parent && parent.TryGetPropertyValue(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out var child) ? child : null;
        }

        return target;
    }

    private JsonSchema Build(string schemaJson)
    {
        var root = JsonNode.Parse(RewriteRefs(schemaJson))!.AsObject();
        var wrapper = new JsonObject { ["$schema"] = Dialect, ["$defs"] = JsonNode.Parse(_defs) };
        foreach (var (name, value) in root)
        {
            wrapper[name] = value?.DeepClone();
        }

        return JsonSchema.FromText(wrapper.ToJsonString());
    }

    private static string RewriteRefs(string json) => json.Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);

    private static string Short(string body) => body.Length > 400 ? body[..400] + "…" : body;

    private static IEnumerable<SpecOperation> OperationsOf(JsonObject document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var method in HttpMethods)
            {
                if (item![method] is JsonObject op)
                {
                    var pattern = new Regex("^" + Parameter().Replace(Regex.Escape(path).Replace("\\{", "{", StringComparison.Ordinal), "[^/]+") + "$", RegexOptions.CultureInvariant);
                    yield return new SpecOperation(op["operationId"]?.GetValue<string>() ?? string.Empty, method.ToUpperInvariant(), path, pattern, op);
                }
            }
        }
    }

    [GeneratedRegex(@"\{[^}/]+\}", RegexOptions.CultureInvariant)]
    private static partial Regex Parameter();
}
