using System.Text.Json.Nodes;

namespace UnitPay.Infra.Tests.Arm;

/// <summary>
/// What a compiled Bicep template (ARM JSON) would deploy: modules (nested deployments) and copy loops are
/// expanded into a flat list of resources, evaluated with the given parameter values.
/// </summary>
public sealed class ArmDeployment
{
    private const string DeploymentType = "Microsoft.Resources/deployments";

    private ArmDeployment(ArmScope scope, IReadOnlyList<ArmResource> resources)
    {
        Scope = scope;
        Resources = resources;
    }

    /// <summary>The main template's scope: its parameters, variables and outputs.</summary>
    public ArmScope Scope { get; }

    public IReadOnlyList<ArmResource> Resources { get; }

    public static ArmDeployment Expand(JsonObject template, IReadOnlyDictionary<string, object?> parameters)
    {
        var scope = new ArmScope(template, parameters);
        var resources = new List<ArmResource>();
        ExpandInto(resources, scope, module: string.Empty);
        return new ArmDeployment(scope, resources);
    }

    public IReadOnlyList<ArmResource> OfType(string type) =>
        [.. Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase))];

    public ArmResource One(string type)
    {
        var matches = OfType(type);
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"Expected one {type}, found {matches.Count}: {string.Join("; ", matches)}.");
    }

    private static void ExpandInto(List<ArmResource> into, ArmScope scope, string module)
    {
        // languageVersion 2.0 templates keep resources in an object keyed by symbolic name.
        IEnumerable<JsonObject> declarations = scope.Template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject byName => byName.Select(p => p.Value).OfType<JsonObject>(),
            null => [],
            var other => throw new NotSupportedException($"resources is {other.GetValueKind()}"),
        };

        foreach (var declaration in declarations)
        {
            if (declaration["existing"]?.GetValue<bool>() == true)
            {
                continue;
            }

            if (declaration["copy"] is JsonObject copy)
            {
                var count = scope.Evaluate(copy["count"]) as long?
                    ?? throw new NotSupportedException($"Copy count of {declaration["name"]} is not known before deployment.");
                for (var i = 0; i < count; i++)
                {
                    ExpandOne(into, scope.WithCopyIndex(i), declaration, module);
                }
            }
            else
            {
                ExpandOne(into, scope, declaration, module);
            }
        }
    }

    private static void ExpandOne(List<ArmResource> into, ArmScope scope, JsonObject declaration, string module)
    {
        if (declaration.TryGetPropertyValue("condition", out var condition) && scope.Evaluate(condition) is false)
        {
            return;
        }

        var type = declaration["type"]!.GetValue<string>();
        var rawName = declaration["name"]!.GetValue<string>();
        var evaluatedName = scope.EvaluateString(rawName);
        var name = ArmValues.Text(evaluatedName);

        if (string.Equals(type, DeploymentType, StringComparison.OrdinalIgnoreCase))
        {
            // A module: its parameter values are computed here, its template in a scope of its own.
            var properties = declaration["properties"]!.AsObject();
            var supplied = (properties["parameters"] as JsonObject ?? new JsonObject())
                .ToDictionary(p => p.Key, p => scope.Evaluate(p.Value!["value"]), StringComparer.OrdinalIgnoreCase);
            var nested = properties["template"]!.AsObject();
            ExpandInto(into, new ArmScope(nested, supplied), module.Length == 0 ? name : $"{module}/{name}");
            return;
        }

        var body = (IReadOnlyDictionary<string, object?>)scope.Evaluate(declaration)!;
        into.Add(new ArmResource(type, name, module, body, evaluatedName));
    }
}
