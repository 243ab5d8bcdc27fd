namespace UnitPay.Infra.Tests.Arm;

/// <summary>
/// Reads and evaluates one ARM template expression (the text between the outer brackets): literals, function
/// calls, <c>.member</c> and <c>[index]</c> accessors.
/// </summary>
internal sealed class ArmExpressionReader(string text, ArmScope scope)
{
    private int _position;

    public object? ReadAll()
    {
        var value = ReadExpression();
        SkipSpace();
        if (_position != text.Length)
        {
            throw Error("unexpected text");
        }

        return value;
    }

    private object? ReadExpression()
    {
        SkipSpace();
        var start = _position;
        var value = Peek() switch
        {
            '\'' => ReadString(),
            var c when char.IsDigit(c) || c == '-' => ReadNumber(),
            _ => ReadCall(),
        };

        while (true)
        {
            SkipSpace();
            if (TryTake('.'))
            {
                var member = ReadIdentifier();
                value = value switch
                {
                    ArmUnknown unknown => new ArmUnknown($"{unknown.Expression}.{member}"),
                    IReadOnlyDictionary<string, object?> obj when obj.TryGetValue(member, out var next) => next,
                    _ => throw Error($"no member '{member}' on {ArmValues.Describe(value)}"),
                };
            }
            else if (TryTake('['))
            {
                var index = ReadExpression();
                SkipSpace();
                Take(']');
                value = (value, index) switch
                {
                    (ArmUnknown, _) or (_, ArmUnknown) => new ArmUnknown(text[start.._position]),
                    (IReadOnlyList<object?> list, long i) => list[checked((int)i)],
                    (IReadOnlyDictionary<string, object?> obj, string key) => obj[key],
                    _ => throw Error($"cannot index {ArmValues.Describe(value)} with {ArmValues.Describe(index)}"),
                };
            }
            else
            {
                return value;
            }
        }
    }

    private object? ReadCall()
    {
        var start = _position;
        var name = ReadIdentifier();
        SkipSpace();
        Take('(');
        var arguments = new List<object?>();
        SkipSpace();
        if (!TryTake(')'))
        {
            do
            {
                arguments.Add(ReadExpression());
                SkipSpace();
            }
            while (TryTake(','));

            Take(')');
        }

        return ArmFunctions.Invoke(name, arguments, scope, text[start.._position]);
    }

    private string ReadString()
    {
        Take('\'');
        var value = new System.Text.StringBuilder();
        while (true)
        {
            if (_position >= text.Length)
            {
                throw Error("unterminated string");
            }

            var c = text[_position++];
            if (c != '\'')
            {
                value.Append(c);
            }
            else if (TryTake('\''))
            {
                value.Append('\'');
            }
            else
            {
                return value.ToString();
            }
        }
    }

    private long ReadNumber()
    {
        var start = _position;
        TryTake('-');
        while (_position < text.Length && char.IsDigit(text[_position]))
        {
            _position++;
        }

        return long.Parse(text.AsSpan(start, _position - start), System.Globalization.CultureInfo.InvariantCulture);
    }

    private string ReadIdentifier()
    {
        var start = _position;
        while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] is '_' or '$'))
        {
            _position++;
        }

        return _position > start ? text[start.._position] : throw Error("expected a name");
    }

    private char Peek() => _position < text.Length ? text[_position] : throw Error("unexpected end");

    private void SkipSpace()
    {
        while (_position < text.Length && char.IsWhiteSpace(text[_position]))
        {
            _position++;
        }
    }

    private bool TryTake(char c)
    {
        if (_position < text.Length && text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Take(char c)
    {
        if (!TryTake(c))
        {
            throw Error($"expected '{c}'");
        }
    }

    private FormatException Error(string problem) => new($"ARM expression [{text}] at {_position}: {problem}.");
}
