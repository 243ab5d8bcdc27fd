using System.Text.Json.Nodes;
using UnitPay.Infra.Tests.Arm;

namespace UnitPay.Infra.Tests;

/// <summary>The small ARM expression evaluator the template tests rely on computes what Azure would.</summary>
public sealed class ArmEvaluationTests
{
    private static readonly JsonObject Template = JsonNode.Parse("""
        {
          "parameters": {
            "prefix": { "type": "string", "defaultValue": "dev" },
            "name": { "type": "string" }
          },
          "variables": {
            "items": [ "A", "B" ],
            "joined": "[format('{0}-{1}', parameters('prefix'), uniqueString(resourceGroup().id))]"
          },
          "resources": [
            {
              "type": "Test/things",
              "name": "[format('{0}{1}', parameters('prefix'), variables('items')[copyIndex()])]",
              "copy": { "name": "things", "count": "[length(variables('items'))]" },
              "properties": { "literal": "[[not an expression]", "index": "[copyIndex(1)]" }
            },
            {
              "type": "Test/skipped",
              "condition": "[equals(parameters('prefix'), 'prod')]",
              "name": "never"
            }
          ]
        }
        """)!.AsObject();

    [Fact]
    public void Copy_loops_expand_with_their_index()
    {
        var deployment = ArmDeployment.Expand(Template, new Dictionary<string, object?>());

        Assert.Equal(["devA", "devB"], deployment.OfType("Test/things").Select(r => r.Name));
        Assert.Equal([1L, 2L], deployment.OfType("Test/things").Select(r => r.Get("properties", "index")));
    }

    [Fact]
    public void Variable_loops_range_and_arithmetic_evaluate_as_Azure_would()
    {
        // What Bicep writes for `var names = [for i in range(2, count - 1): 'n${i}']`.
        var template = JsonNode.Parse("""
            {
              "parameters": { "count": { "type": "int", "defaultValue": 3 } },
              "variables": {
                "copy": [ { "name": "names", "count": "[length(range(2, sub(parameters('count'), 1)))]", "input": "[format('n{0}', range(2, sub(parameters('count'), 1))[copyIndex('names')])]" } ],
                "next": "[add(length(variables('names')), 1)]"
              },
              "resources": [ { "type": "Test/list", "name": "list", "properties": { "names": "[variables('names')]", "next": "[variables('next')]" } } ]
            }
            """)!.AsObject();

        var three = ArmDeployment.Expand(template, new Dictionary<string, object?>()).One("Test/list");
        var one = ArmDeployment.Expand(template, new Dictionary<string, object?> { ["count"] = 1L }).One("Test/list");

        Assert.Equal(["n2", "n3"], ((IReadOnlyList<object?>)three.Get("properties", "names")!).Cast<string>());
        Assert.Equal(3L, three.Get("properties", "next"));
        Assert.Empty((IReadOnlyList<object?>)one.Get("properties", "names")!);
    }

    [Fact]
    public void Double_bracket_strings_stay_literal()
    {
        var thing = ArmDeployment.Expand(Template, new Dictionary<string, object?>()).OfType("Test/things")[0];

        Assert.Equal("[not an expression]", thing.Get("properties", "literal"));
    }

    [Fact]
    public void False_conditions_drop_the_resource()
    {
        Assert.Empty(ArmDeployment.Expand(Template, new Dictionary<string, object?>()).OfType("Test/skipped"));
        Assert.Single(ArmDeployment.Expand(Template, new Dictionary<string, object?> { ["prefix"] = "prod" }).OfType("Test/skipped"));
    }

    [Fact]
    public void Deployment_time_functions_stay_unknown_with_their_known_arguments_filled_in()
    {
        var scope = new ArmScope(Template, new Dictionary<string, object?> { ["name"] = "acme" });

        Assert.Equal($"dev-{ArmUnknown.Marker}", scope.Variable("joined"));
        var unknown = Assert.IsType<ArmUnknown>(scope.EvaluateString("[resourceId('Microsoft.Web/sites', parameters('name'))]"));
        Assert.Equal("resourceId('Microsoft.Web/sites', 'acme')", unknown.Expression);
        var member = Assert.IsType<ArmUnknown>(scope.EvaluateString("[reference(parameters('name')).outputs.url.value]"));
        Assert.Equal("reference('acme').outputs.url.value", member.Expression);
    }

    [Fact]
    public void Parameters_without_a_value_or_default_are_unknown()
    {
        var scope = new ArmScope(Template, new Dictionary<string, object?>());

        Assert.Equal(new ArmUnknown("parameters('name')"), scope.Parameter("name"));
        Assert.Equal("dev", scope.Parameter("prefix"));
    }
}
