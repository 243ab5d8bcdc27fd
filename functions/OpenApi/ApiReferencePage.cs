using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace UnitPay.Functions.OpenApi;

/// <summary>
/// The OpenAPI document as one HTML page, rendered on the server: operations grouped by tag (method, path, summary,
/// parameters, request and answer schemas, error codes), then the schemas they link to. Plain HTML and inline CSS, no
/// script and nothing fetched from elsewhere, so it reads offline and on a phone.
/// </summary>
public static partial class ApiReferencePage
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public static string Render(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var info = document["info"]?.AsObject() ?? [];
        var title = Str(info, "title") ?? "API reference";
        var baseUrl = document["servers"]?[0]?["url"]?.GetValue<string>() ?? "/";
        var operations = OperationsOf(document);
        var html = new StringBuilder(256 * 1024);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Encode(title)).Append("</title><style>").Append(Css).Append("</style></head><body>");
        html.Append("<header><h1>").Append(Encode(title)).Append(" <small>").Append(Encode(Str(info, "version") ?? string.Empty)).Append("</small></h1>")
            .Append("<p>").Append(Prose(Str(info, "summary"))).Append("</p><p>").Append(Prose(Str(info, "description"))).Append("</p>")
            .Append("<p>Base URL: <code>").Append(Encode(baseUrl)).Append("</code> · the document: <a href=\"").Append(Encode(baseUrl.TrimEnd('/')))
            .Append("/v1/openapi.json\">/v1/openapi.json</a> (OpenAPI ").Append(Encode(Str(document, "openapi") ?? string.Empty)).Append(")</p></header>");

        var tags = TagsOf(document, operations);
        html.Append("<nav><h2>Contents</h2><p><a href=\"#authentication\">Authentication</a> · <a href=\"#errors\">Errors</a> · <a href=\"#schemas\">Schemas</a></p>");
        foreach (var (tag, _) in tags)
        {
            html.Append("<h3><a href=\"#").Append(Anchor("tag-" + tag)).Append("\">").Append(Encode(tag)).Append("</a></h3><ul>");
            foreach (var operation in operations.Where(o => o.Tag == tag))
            {
                html.Append("<li><a href=\"#").Append(Anchor(operation.Id)).Append("\">").Append(Badge(operation.Method))
                    .Append(" <code>").Append(Encode(operation.Path)).Append("</code></a></li>");
            }

            html.Append("</ul>");
        }

        html.Append("</nav><main>");
        AppendAuthentication(html, document);
        AppendErrors(html, document);
        foreach (var (tag, description) in tags)
        {
            html.Append("<section id=\"").Append(Anchor("tag-" + tag)).Append("\"><h2>").Append(Encode(tag)).Append("</h2>");
            if (description is not null)
            {
                html.Append("<p>").Append(Prose(description)).Append("</p>");
            }

            foreach (var operation in operations.Where(o => o.Tag == tag))
            {
                AppendOperation(html, document, operation);
            }

            html.Append("</section>");
        }

        AppendSchemas(html, document);
        html.Append("</main></body></html>");
        return html.ToString();
    }

    private static void AppendOperation(StringBuilder html, JsonObject document, Operation operation)
    {
        var op = operation.Node;
        html.Append("<article id=\"").Append(Anchor(operation.Id)).Append("\"><h3>").Append(Badge(operation.Method))
            .Append(" <code>").Append(Encode(operation.Path)).Append("</code></h3>")
            .Append("<p class=\"summary\">").Append(Prose(Str(op, "summary"))).Append("</p>");
        if (Str(op, "description") is { } description)
        {
            html.Append("<p>").Append(Prose(description)).Append("</p>");
        }

        var isPublic = op["security"] is JsonArray { Count: 0 };
        html.Append("<p class=\"meta\">operationId <code>").Append(Encode(operation.Id)).Append("</code> · ")
            .Append(isPublic ? "no key" : "key required").Append("</p>");

        var parameters = (op["parameters"] as JsonArray ?? []).Select(p => Resolve(document, p)).OfType<JsonObject>().ToList();
        if (parameters.Count > 0)
        {
            html.Append("<h4>Parameters</h4><table><thead><tr><th>Name</th><th>In</th><th>Type</th><th>Description</th></tr></thead><tbody>");
            foreach (var parameter in parameters)
            {
                html.Append("<tr><td><code>").Append(Encode(Str(parameter, "name"))).Append("</code>")
                    .Append(parameter["required"]?.GetValue<bool>() == true ? " <span class=\"req\">required</span>" : string.Empty)
                    .Append("</td><td>").Append(Encode(Str(parameter, "in"))).Append("</td><td>").Append(TypeOf(parameter["schema"]))
                    .Append("</td><td>").Append(Prose(Str(parameter, "description"))).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        if (op["requestBody"] is JsonObject body)
        {
            html.Append("<h4>Request body").Append(body["required"]?.GetValue<bool>() == true ? string.Empty : " (optional)").Append("</h4>");
            foreach (var (mediaType, media) in body["content"]?.AsObject() ?? [])
            {
                html.Append("<p><code>").Append(Encode(mediaType)).Append("</code> ").Append(TypeOf(media?["schema"])).Append("</p>");
                AppendFieldsOf(html, document, media?["schema"]);
            }
        }

        html.Append("<h4>Responses</h4>");
        foreach (var (status, reference) in op["responses"]?.AsObject() ?? [])
        {
            var response = Resolve(document, reference) as JsonObject ?? [];
            var code = int.TryParse(status, out var number) ? number : 0;
            html.Append("<div class=\"response\"><p><span class=\"status s").Append(code / 100).Append("\">").Append(Encode(status)).Append(' ')
                .Append(Encode(ReasonPhrases.GetReasonPhrase(code))).Append("</span> ").Append(Prose(Str(response, "description"))).Append("</p>");
            foreach (var (mediaType, media) in response["content"]?.AsObject() ?? [])
            {
                var schema = media?["schema"];
                var codes = ProblemCodesOf(schema);
                html.Append("<p><code>").Append(Encode(mediaType)).Append("</code> ").Append(TypeOf(schema));
                if (codes.Count > 0)
                {
                    html.Append(" · code ").Append(string.Join(", ", codes.Select(c => "<code>" + Encode(c) + "</code>")));
                }

                html.Append("</p>");
                if (codes.Count == 0)
                {
                    AppendFieldsOf(html, document, schema);
                }
            }

            html.Append("</div>");
        }

        html.Append("</article>");
    }

    private static void AppendAuthentication(StringBuilder html, JsonObject document)
    {
        html.Append("<section id=\"authentication\"><h2>Authentication</h2><ul>");
        foreach (var (name, scheme) in document["components"]?["securitySchemes"]?.AsObject() ?? [])
        {
            html.Append("<li><code>").Append(Encode(name)).Append("</code>: ").Append(Prose(Str(scheme?.AsObject(), "description"))).Append("</li>");
        }

        html.Append("</ul><p>Operations marked <em>no key</em> take none.</p></section>");
    }

    private static void AppendErrors(StringBuilder html, JsonObject document)
    {
        html.Append("<section id=\"errors\"><h2>Errors</h2><p>Errors are <code>application/problem+json</code> (<a href=\"#schema-Problem\">Problem</a>) with a stable <code>code</code>:</p>")
            .Append("<table><thead><tr><th>Status</th><th>code</th><th>When</th></tr></thead><tbody>");
        var rows = new List<(string Status, string Codes, string? Description)>();
        foreach (var (_, response) in document["components"]?["responses"]?.AsObject() ?? [])
        {
            var schema = response?["content"]?["application/problem+json"]?["schema"];
            var codes = ProblemCodesOf(schema);
            var status = StatusOfResponse(document, response);
            rows.Add((status, string.Join(", ", codes.Select(c => "<code>" + Encode(c) + "</code>")), Str(response?.AsObject(), "description")));
        }

        foreach (var (status, codes, description) in rows.OrderBy(r => r.Status, StringComparer.Ordinal))
        {
            html.Append("<tr><td>").Append(Encode(status)).Append("</td><td>").Append(codes).Append("</td><td>").Append(Prose(description)).Append("</td></tr>");
        }

        html.Append("</tbody></table></section>");
    }

    /// <summary>The status a shared response component is used under (the first operation that uses it says).</summary>
    private static string StatusOfResponse(JsonObject document, JsonNode? response)
    {
        foreach (var (_, item) in document["paths"]?.AsObject() ?? [])
        {
            foreach (var (_, op) in item?.AsObject() ?? [])
            {
                foreach (var (status, used) in op?["responses"]?.AsObject() ?? [])
                {
                    if (ReferenceEquals(Resolve(document, used), response))
                    {
                        return status;
                    }
                }
            }
        }

        return "?";
    }

    private static List<(string Tag, string? Description)> TagsOf(JsonObject document, List<Operation> operations)
    {
        var declared = (document["tags"] as JsonArray ?? []).OfType<JsonObject>().Select(t => (Tag: Str(t, "name")!, Description: Str(t, "description"))).ToList();
        var used = operations.Select(o => o.Tag).Distinct().Where(t => declared.All(d => d.Tag != t)).Select(t => (t, (string?)null));
        return [.. declared.Where(d => operations.Any(o => o.Tag == d.Tag)).Concat(used)];
    }

    private static List<Operation> OperationsOf(JsonObject document)
    {
        var operations = new List<Operation>();
        foreach (var (path, item) in document["paths"]?.AsObject() ?? [])
        {
            foreach (var method in Methods)
            {
                if (item?[method] is JsonObject op)
                {
                    var tag = op["tags"]?[0]?.GetValue<string>() ?? "Other";
                    operations.Add(new Operation(Str(op, "operationId") ?? method + " " + path, method, path, tag, op));
                }
            }
        }

        return operations;
    }

    private sealed record Operation(string Id, string Method, string Path, string Tag, JsonObject Node);
}
