using System.Text.Json.Nodes;

namespace UnitPay.Infra.Tests.Arm;

/// <summary>
/// The evaluation context of one ARM template (the main template or a module's nested one): its parameters,
/// its variables and, inside a copy loop, the current copy index. Values known before deployment are computed;
/// the rest become <see cref="ArmUnknown"/>.
/// </summary>
public sealed class ArmScope
{
    private readonly JsonObject _template;
    private readonly IReadOnlyDictionary<string, object?> _supplied;
    private readonly Dictionary<string, object?> _parameters;
    private readonly Dictionary<string, object?> _variables;
    private readonly HashSet<string> _evaluating;

    public ArmScope(JsonObject template, IReadOnlyDictionary<string, object?> suppliedParameters)
    {
        _template = template;
        _supplied = suppliedParameters;
        _parameters = new(StringComparer.OrdinalIgnoreCase);
        _variables = new(StringComparer.OrdinalIgnoreCase);
        _evaluating = new(StringComparer.OrdinalIgnoreCase);
    }

    private ArmScope(ArmScope parent, int copyIndex)
    {
        _template = parent._template;
        _supplied = parent._supplied;
        _parameters = parent._parameters;
        _variables = parent._variables;
        _evaluating = parent._evaluating;
        CopyIndex = copyIndex;
    }

    public JsonObject Template => _template;

    public int? CopyIndex { get; }

    public ArmScope WithCopyIndex(int index) => new(this, index);

    public object? Parameter(string name) => Memo(_parameters, $"parameters:{name}", name, () =>
    {
        if (_supplied.TryGetValue(name, out var value))
        {
            return value;
        }

        var declared = _template["parameters"]?[name] as JsonObject
            ?? throw new KeyNotFoundException($"The template declares no parameter '{name}'.");
        return declared.TryGetPropertyValue("defaultValue", out var defaultValue)
            ? Evaluate(defaultValue)
            : new ArmUnknown($"parameters('{name}')");
    });

    public object? Variable(string name) => Memo(_variables, $"variables:{name}", name, () =>
    {
        var variables = _template["variables"] as JsonObject;

        // A variable made by a for-expression: its "copy" entry's input, once per index (copyIndex('name') inside it).
        if (variables?["copy"] is JsonArray loops && loops.OfType<JsonObject>().FirstOrDefault(l => string.Equals(l["name"]?.GetValue<string>(), name, StringComparison.OrdinalIgnoreCase)) is { } loop)
        {
            if (Evaluate(loop["count"]) is not long count)
            {
                return new ArmUnknown($"variables('{name}')");
            }

            return Enumerable.Range(0, checked((int)count)).Select(i => WithCopyIndex(i).Evaluate(loop["input"])).ToList();
        }

        if (variables is null || !variables.TryGetPropertyValue(name, out var node))
        {
            throw new KeyNotFoundException($"The template declares no variable '{name}'.");
        }

        return Evaluate(node);
    });

    /// <summary>Evaluates a template value: every string in it that is an ARM expression is computed.</summary>
    public object? Evaluate(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => Evaluate(p.Value), StringComparer.OrdinalIgnoreCase),
        JsonArray array => array.Select(Evaluate).ToList(),
        JsonValue value when value.TryGetValue<string>(out var text) => EvaluateString(text),
        JsonValue value => ArmValues.Scalar(value),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    public object? EvaluateString(string text)
    {
        if (text.StartsWith("[[", StringComparison.Ordinal))
        {
            return text[1..];
        }

        return text.Length >= 2 && text[0] == '[' && text[^1] == ']'
            ? new ArmExpressionReader(text[1..^1], this).ReadAll()
            : text;
    }

    private object? Memo(Dictionary<string, object?> cache, string key, string name, Func<object?> compute)
    {
        if (cache.TryGetValue(name, out var known))
        {
            return known;
        }

        if (!_evaluating.Add(key))
        {
            throw new InvalidOperationException($"{key} refers to itself.");
        }

        try
        {
            var value = compute();
            cache[name] = value;
            return value;
        }
        finally
        {
            _evaluating.Remove(key);
        }
    }
}
