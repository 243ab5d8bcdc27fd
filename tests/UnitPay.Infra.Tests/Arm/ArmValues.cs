using System.Globalization;
using System.Text.Json.Nodes;

namespace UnitPay.Infra.Tests.Arm;

/// <summary>
/// Helpers over evaluated ARM values: <see cref="string"/>, <see cref="long"/>, <see cref="double"/>,
/// <see cref="bool"/>, null, lists, case-insensitive dictionaries and <see cref="ArmUnknown"/>.
/// </summary>
public static class ArmValues
{
    /// <summary>A JSON value taken literally (parameter files are not evaluated).</summary>
    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => FromJson(p.Value), StringComparer.OrdinalIgnoreCase),
        JsonArray array => array.Select(FromJson).ToList(),
        JsonValue value => Scalar(value),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    internal static object? Scalar(JsonValue value)
    {
        if (value.TryGetValue<string>(out var s))
        {
            return s;
        }

        if (value.TryGetValue<bool>(out var b))
        {
            return b;
        }

        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }

        return value.GetValue<double>();
    }

    /// <summary>Walks object members by name (case-insensitive, as ARM does).</summary>
    public static object? Get(object? value, params string[] path)
    {
        foreach (var segment in path)
        {
            value = value switch
            {
                IReadOnlyDictionary<string, object?> obj => obj.TryGetValue(segment, out var next)
                    ? next
                    : throw new KeyNotFoundException($"No '{segment}' in {{{string.Join(", ", obj.Keys)}}}."),
                ArmUnknown unknown => new ArmUnknown($"{unknown.Expression}.{segment}"),
                _ => throw new InvalidOperationException($"Cannot read '{segment}' from {Describe(value)}."),
            };
        }

        return value;
    }

    /// <summary>True when the member path exists (an unknown value counts as present).</summary>
    public static bool Has(object? value, params string[] path)
    {
        foreach (var segment in path)
        {
            switch (value)
            {
                case IReadOnlyDictionary<string, object?> obj when obj.TryGetValue(segment, out var next):
                    value = next;
                    break;
                case ArmUnknown:
                    return true;
                default:
                    return false;
            }
        }

        return true;
    }

    public static string Text(object? value) => value switch
    {
        string s => s,
        ArmUnknown => ArmUnknown.Marker,
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        null => string.Empty,
        _ => throw new InvalidOperationException($"{Describe(value)} is not text."),
    };

    public static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        ArmUnknown u => u.ToString(),
        IReadOnlyDictionary<string, object?> obj => $"object {{{string.Join(", ", obj.Keys)}}}",
        IReadOnlyList<object?> list => $"array[{list.Count}]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };
}
