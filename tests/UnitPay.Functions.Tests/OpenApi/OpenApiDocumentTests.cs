using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace UnitPay.Functions.Tests.OpenApi;

/// <summary>The document is OpenAPI 3.1 in structure: version, resolvable references, unique operation ids, declared parameters and tags.</summary>
public sealed partial class OpenApiDocumentTests
{
    private static readonly JsonObject Document = OpenApiSpec.Kept.Document;

    [Fact]
    public void The_document_is_openapi_3_1_with_info_paths_and_components()
    {
        Assert.StartsWith("3.1.", Document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Document["info"]?["title"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(Document["info"]?["version"]?.GetValue<string>()));
        Assert.NotEmpty(Document["paths"]!.AsObject());
        Assert.NotEmpty(Document["components"]!["schemas"]!.AsObject());
        // The API lives under /v1; the customer portal's HTML pages (opened by a signed link, not a key) under /portal.
        Assert.All(Document["paths"]!.AsObject(), p => Assert.True(p.Key.StartsWith("/v1/", StringComparison.Ordinal) || p.Key.StartsWith("/portal/", StringComparison.Ordinal), p.Key));
    }

    [Fact]
    public void Every_reference_resolves()
    {
        var references = new List<string>();
        Collect(Document, references);

        Assert.NotEmpty(references);
        Assert.DoesNotContain(references.Distinct(), r => OpenApiSpec.Kept.Resolve(new JsonObject { ["$ref"] = r }) is null);
    }

    [Fact]
    public void Operation_ids_are_unique_and_every_operation_has_a_summary_a_known_tag_and_a_success_answer()
    {
        var operations = OpenApiSpec.Kept.Operations;
        var tags = Document["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToHashSet();

        Assert.Empty(operations.GroupBy(o => o.Id).Where(g => g.Count() > 1 || string.IsNullOrEmpty(g.Key)).Select(g => g.Key));
        Assert.All(operations, o =>
        {
            Assert.False(string.IsNullOrWhiteSpace(o.Node["summary"]?.GetValue<string>()), o.Id);
            Assert.Contains(o.Node["tags"]![0]!.GetValue<string>(), tags);
            // A portal form post succeeds with 303 back to its page (post/redirect/get); everything else with a 2xx.
            Assert.Contains(o.Node["responses"]!.AsObject(), r => r.Key.StartsWith('2') || (o.Path.StartsWith("/portal/", StringComparison.Ordinal) && r.Key == "303"));
        });
    }

    [Fact]
    public void Every_path_parameter_is_declared_and_required()
    {
        foreach (var operation in OpenApiSpec.Kept.Operations)
        {
            var declared = (operation.Node["parameters"]?.AsArray() ?? [])
                .Select(p => OpenApiSpec.Kept.Resolve(p)!)
                .Where(p => p["in"]!.GetValue<string>() == "path")
                .ToList();
            var inTemplate = PathParameter().Matches(operation.Path).Select(m => m.Groups[1].Value).ToList();

            Assert.Equal(inTemplate, declared.Select(p => p["name"]!.GetValue<string>()));
            Assert.All(declared, p => Assert.True(p["required"]!.GetValue<bool>(), $"{operation.Id}: path parameters are required"));
        }
    }

    [Fact]
    public void Every_component_schema_is_a_valid_json_schema_2020_12()
    {
        foreach (var (name, schema) in Document["components"]!["schemas"]!.AsObject())
        {
            var wrapped = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", ["$defs"] = Document["components"]!["schemas"]!.DeepClone() };
            foreach (var (key, value) in schema!.AsObject())
            {
                wrapped[key] = value?.DeepClone();
            }

            var text = wrapped.ToJsonString().Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);
            var exception = Record.Exception(() => JsonSchema.FromText(text));
            Assert.True(exception is null, $"{name}: {exception?.Message}");
        }
    }

    private static void Collect(JsonNode? node, List<string> references)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == "$ref")
                    {
                        references.Add(value!.GetValue<string>());
                    }
                    else
                    {
                        Collect(value, references);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Collect(item, references);
                }

                break;
        }
    }

    [GeneratedRegex(@"\{([^}/]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex PathParameter();
}
