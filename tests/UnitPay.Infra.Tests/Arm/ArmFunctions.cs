using System.Globalization;
using System.Text;

namespace UnitPay.Infra.Tests.Arm;

/// <summary>
/// The template functions whose result is known before deployment. Any other function (resourceId, reference,
/// uniqueString, guid, environment...) evaluates to an <see cref="ArmUnknown"/> carrying its source text.
/// </summary>
internal static class ArmFunctions
{
    public static object? Invoke(string name, IReadOnlyList<object?> args, ArmScope scope, string source)
    {
        switch (name.ToLowerInvariant())
        {
            case "parameters":
                return scope.Parameter(Known<string>(args, 0, source));
            case "variables":
                return scope.Variable(Known<string>(args, 0, source));
            case "copyindex":
                return CopyIndex(args, scope, source);
            case "format":
                return args[0] is string format ? Format(format, [.. args.Skip(1)]) : Unknown(name, args);
            case "concat":
                return Concat(args, source);
            case "createarray":
                return args.ToList();
            case "createobject":
                return Enumerable.Range(0, args.Count / 2).ToDictionary(
                    i => Known<string>(args, 2 * i, source), i => args[(2 * i) + 1], StringComparer.OrdinalIgnoreCase);
            case "true":
                return true;
            case "false":
                return false;
            case "null":
                return null;
            case "if":
                return args[0] is bool condition ? (condition ? args[1] : args[2]) : Unknown(name, args);
            default:
                break;
        }

        // Every function below needs all of its arguments known.
        if (args.Any(a => a is ArmUnknown))
        {
            return Unknown(name, args);
        }

        return name.ToLowerInvariant() switch
        {
            "length" => args[0] switch
            {
                string s => (long)s.Length,
                IReadOnlyList<object?> list => (long)list.Count,
                IReadOnlyDictionary<string, object?> obj => (long)obj.Count,
                _ => throw new FormatException($"{source}: length of {ArmValues.Describe(args[0])}."),
            },
            "empty" => args[0] switch
            {
                null => true,
                string s => s.Length == 0,
                IReadOnlyList<object?> list => list.Count == 0,
                IReadOnlyDictionary<string, object?> obj => obj.Count == 0,
                _ => false,
            },
            "add" => Known<long>(args, 0, source) + Known<long>(args, 1, source),
            "sub" => Known<long>(args, 0, source) - Known<long>(args, 1, source),
            "range" => Enumerable.Range(0, checked((int)Known<long>(args, 1, source))).Select(i => (object?)(Known<long>(args, 0, source) + i)).ToList(),
            "tolower" => Known<string>(args, 0, source).ToLowerInvariant(),
            "toupper" => Known<string>(args, 0, source).ToUpperInvariant(),
            "string" => ArmValues.Text(args[0]),
            "replace" => Known<string>(args, 0, source).Replace(
                Known<string>(args, 1, source), Known<string>(args, 2, source), StringComparison.Ordinal),
            "take" => args[0] switch
            {
                string s => s[..(int)Math.Min(s.Length, Known<long>(args, 1, source))],
                IReadOnlyList<object?> list => list.Take((int)Known<long>(args, 1, source)).ToList(),
                _ => throw new FormatException($"{source}: take of {ArmValues.Describe(args[0])}."),
            },
            "equals" => Equals(args[0], args[1]),
            "not" => !Known<bool>(args, 0, source),
            "and" => args.All(a => a is true),
            "or" => args.Any(a => a is true),
            _ => Unknown(name, args),
        };
    }

    /// <summary>A call only Azure can evaluate, written with its arguments evaluated as far as they are known.</summary>
    private static ArmUnknown Unknown(string name, IReadOnlyList<object?> args) =>
        new($"{name}({string.Join(", ", args.Select(Render))})");

    private static string Render(object? value) => value switch
    {
        string s => $"'{s.Replace("'", "''", StringComparison.Ordinal)}'",
        ArmUnknown unknown => unknown.Expression,
        bool b => b ? "true()" : "false()",
        null => "null()",
        IReadOnlyList<object?> list => $"createArray({string.Join(", ", list.Select(Render))})",
        IReadOnlyDictionary<string, object?> obj => $"createObject({string.Join(", ", obj.Select(p => $"{Render(p.Key)}, {Render(p.Value)}"))})",
        _ => ArmValues.Text(value),
    };

    private static object? CopyIndex(IReadOnlyList<object?> args, ArmScope scope, string source)
    {
        var index = scope.CopyIndex ?? throw new FormatException($"{source} outside a copy loop.");
        var offset = args.OfType<long>().FirstOrDefault();
        return (long)index + offset;
    }

    private static string Format(string format, List<object?> args)
    {
        var result = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
            {
                result.Append(c);
                i++;
            }
            else if (c == '{')
            {
                var end = format.IndexOf('}', i);
                var hole = format[(i + 1)..end];
                var index = int.Parse(hole.Split(':')[0], CultureInfo.InvariantCulture);
                result.Append(ArmValues.Text(args[index]));
                i = end;
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static object? Concat(IReadOnlyList<object?> args, string source)
    {
        if (args.Count > 0 && args.All(a => a is IReadOnlyList<object?>))
        {
            return args.Cast<IReadOnlyList<object?>>().SelectMany(list => list).ToList();
        }

        return args.All(a => a is string or long or bool or ArmUnknown)
            ? string.Concat(args.Select(ArmValues.Text))
            : Unknown("concat", args);
    }

    private static T Known<T>(IReadOnlyList<object?> args, int index, string source) =>
        index < args.Count && args[index] is T value
            ? value
            : throw new FormatException($"{source}: argument {index} is {(index < args.Count ? ArmValues.Describe(args[index]) : "missing")}, not {typeof(T).Name}.");
}
