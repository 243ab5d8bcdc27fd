using System.Globalization;
using System.Text.Json.Nodes;
using UnitPay.Functions.Hosting;

namespace UnitPay.Functions.Tests.Fuzz;

/// <summary>
/// Generates bad requests for any POST or PUT route of <see cref="FunctionIndex"/>, from one seeded random stream.
/// Every route gets the generic classes (malformed JSON, a body of the wrong JSON type, a non-JSON content type, a body
/// over 10 MiB, the wrong method, bad ids in its path); a route with a template (<see cref="FuzzTemplates"/>) also gets
/// field-level mutations of a valid body: missing and mistyped fields, bad numbers, odd and long strings, unknown ids
/// and other organizations' ids, extra fields.
/// </summary>
internal sealed class FuzzGenerator(FuzzWorld world, Random random)
{
    public const long Oversize = 10 * 1024 * 1024 + 1;

    private static readonly string[] MalformedBodies =
    [
        "{", "{\"a\":", "}", "{\"customerId\":}", "[1,2", "nul", "tru", "{'single':'quotes'}", "{\"a\":1,}", "{\"a\":1}}",
        "\u00ff\u00fe", "{\"a\":\"\\u12\"}", "{\"a\":01}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":1e}", "\"unterminated", "{\"a\":\"\u0001\"}", " ",
    ];

    private static readonly string[] WrongRoots = ["[]", "[{}]", "42", "-1", "\"text\"", "true", "null", "1e400"];

    private static readonly string[] WrongContentTypes =
        ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "image/png", "text/html; charset=utf-8"];

    /// <summary>Literals no positive amount may take: zero, negatives, 2^63 - 1 (overflows any sum), 2^63 and beyond, fractions, wrong types.</summary>
    private static readonly string[] BadAmounts =
    [
        "0", "-1", "-9223372036854775808", "9223372036854775807", "9223372036854775808", "18446744073709551616", "1e300", "1.5", "-0.5",
        "true", "[]", "{}", "1e400",
    ];

    private static readonly string[] BadQuantities =
        ["0", "-1", "-0.000001", "0.0000001", "1e30", "79228162514264337593543950335", "1e400", "false", "[1]"];

    private static readonly string[] BadInts = ["\"seven\"", "1.5", "2147483648", "-2147483649", "1e10", "true", "{}"];

    private static readonly string[] BadTimes = ["\"yesterday\"", "\"2026-02-30T00:00:00Z\"", "12345", "\"\"", "true", "\"9999-99-99\""];

    private static readonly string[] WrongTypesForText = ["123", "true", "[]", "{}", "1.5", "[\"a\"]"];

    private static readonly string[] ShortOddStrings =
    [
        "a/b", "a\\b", "a#b", "a?b", "a|b", "\u0000", "\u0007bell", "tab\there", "line\nbreak", "日本語のテキスト", "🙂🙃👩‍👩‍👧", "\u202Eevil",
        "zero\u200Bwidth", "\ud800", "%2F", "../../etc", " ", "null", "' OR 1=1 --", "<script>x</script>", "\uFEFFbom", "Ωmega/#?\\",
    ];

    private readonly FuzzTemplates _templates = new(world);

    /// <summary>A request for <paramref name="route"/>; <paramref name="oversize"/> asks for the body over 10 MiB.</summary>
    public FuzzRequest Next(FunctionDescriptor route, bool oversize)
    {
        var template = _templates.For(route.Route!);
        var method = route.Methods.Contains("POST") ? "POST" : route.Methods.First(m => m is "PUT");
        var baseBody = template?.Body() ?? new JsonObject();
        if (oversize)
        {
            return new FuzzRequest(route.Route!, method, PathWith(route, template, validId: false), "body over 10 MiB", FuzzExpectation.TooLarge, null, OversizeBytes: Oversize);
        }

        if (route.Route!.Contains("{*", StringComparison.Ordinal))
        {
            var path = "/v1/" + Escape(Pick(["nope", "credit-grant", "usage/track/x", "v2", "credit-grants/x/y/z"])) + "/" + Escape(OddString(maxLength: 600).Replace('\0', '\u0001'));
            return new FuzzRequest(route.Route, Pick(["POST", "PUT"]), path, "unknown route", FuzzExpectation.Rejected, baseBody.ToJsonString());
        }

        var validPath = template?.ValidPathId is not null && random.NextDouble() < 0.6;
        var roll = random.Next(100);
        if (template is null || roll < 30 || (!validPath && route.Route.Contains('{', StringComparison.Ordinal) && roll < 50))
        {
            return Generic(route, template, method, baseBody, validPath);
        }

        return Mutated(route, template, method, baseBody, validPath);
    }

    private FuzzRequest Generic(FunctionDescriptor route, FuzzTemplate? template, string method, JsonObject body, bool validPath)
    {
        var path = PathWith(route, template, validPath);
        var badPath = !validPath && route.Route!.Contains('{', StringComparison.Ordinal);
        return random.Next(5) switch
        {
            0 => new FuzzRequest(route.Route!, method, path, "malformed JSON", FuzzExpectation.Rejected, Pick(MalformedBodies)),
            1 => new FuzzRequest(route.Route!, method, path, "body of the wrong JSON type", FuzzExpectation.Rejected, Pick(WrongRoots)),
            2 => new FuzzRequest(route.Route!, method, path, "non-JSON content type", FuzzExpectation.Rejected, body.ToJsonString(), Pick(WrongContentTypes)),
            3 => new FuzzRequest(route.Route!, "PUT", path, "wrong method (PUT)", FuzzExpectation.Rejected, body.ToJsonString()),
            _ when badPath => new FuzzRequest(route.Route!, method, path, "bad id in the path", FuzzExpectation.Rejected, body.ToJsonString()),
            _ => new FuzzRequest(route.Route!, method, path, "malformed JSON", FuzzExpectation.Rejected, Pick(MalformedBodies)),
        };
    }

    private FuzzRequest Mutated(FunctionDescriptor route, FuzzTemplate template, string method, JsonObject body, bool validPath)
    {
        var path = PathWith(route, template, validPath);
        var field = template.Fields[random.Next(template.Fields.Count)];
        var (inputClass, expect) = Mutate(body, field, template);
        if (expect != FuzzExpectation.Rejected && template.TouchesControl)
        {
            // Odd but perhaps valid: on a route that would change the control wallet, make it invalid for sure too.
            var required = template.Fields.First(f => f.Required && f.Name != field.Name);
            Remove(body, required.Name);
            inputClass += " + missing " + required.Name;
            expect = FuzzExpectation.Rejected;
        }

        if (random.Next(4) == 0)
        {
            // Not "Amount": property names match case-insensitively (the Web JSON defaults, like numbers sent as strings), so
            // {"amount": null, "Amount": 5} is a valid request for 5, not a bad one; the fuzzer once counted it as bad.
            body[Pick(["extra", "__proto__", "$type", new string('k', 300), "eventId", "constructor"])] = JsonNode.Parse(Pick(["1", "\"x\"", "null", "{\"a\":[1,2]}"]));
            inputClass += " + extra field";
        }

        if (template.Batch && random.Next(2) == 0)
        {
            return new FuzzRequest(route.Route!, method, path, "batch: " + inputClass, expect == FuzzExpectation.Rejected ? FuzzExpectation.BatchRejected : expect, new JsonObject { ["events"] = new JsonArray(body) }.ToJsonString());
        }

        return new FuzzRequest(route.Route!, method, path, inputClass, expect, body.ToJsonString());
    }

    private (string InputClass, FuzzExpectation Expect) Mutate(JsonObject body, FuzzField field, FuzzTemplate template)
    {
        var choice = random.Next(10);
        if (choice == 0 && field.Required)
        {
            Remove(body, field.Name);
            return ($"{field.Name} missing", FuzzExpectation.Rejected);
        }

        if (choice == 1 && field.Required)
        {
            Set(body, field.Name, null);
            return ($"{field.Name} null", FuzzExpectation.Rejected);
        }

        switch (field.Kind)
        {
            case FuzzFieldKind.Reference:
                return random.Next(4) switch
                {
                    0 => Raw(body, field, Pick(WrongTypesForText), "wrong type"),
                    1 => Text(body, field, Pick(world.OtherOrgIds), "another organization's id"),
                    2 => Text(body, field, Pick(["cus_", "ccur_", "plan_", "hold_", "cacc_", "grant_", "sub_", "feat-"]) + Guid.NewGuid().ToString("N"), "unknown id"),
                    _ => Text(body, field, OddString(maxLength: 70_000), "odd or long id"),
                };
            case FuzzFieldKind.Amount:
                return Raw(body, field, Pick(BadAmounts), "bad amount");
            case FuzzFieldKind.Quantity:
                return Raw(body, field, Pick<string>(field.Name.EndsWith("costPerUnit", StringComparison.Ordinal) ? BadQuantities.Where(q => q != "0").ToList() : BadQuantities), "bad quantity");
            case FuzzFieldKind.Integer:
                return Raw(body, field, Pick(field.Name.Contains("ttl", StringComparison.OrdinalIgnoreCase) ? [.. BadInts, "0", "-1", "86401"] : BadInts), "bad integer");
            case FuzzFieldKind.Time:
                return Raw(body, field, Pick(BadTimes), "bad date-time");
            case FuzzFieldKind.Enum:
                return random.Next(2) == 0 ? Raw(body, field, Pick(WrongTypesForText), "wrong type") : Text(body, field, Pick(["", "bogus", "MANUAL ", new string('m', 5_000), .. ShortOddStrings]), "unknown enum value");
            case FuzzFieldKind.Slug:
                return random.Next(2) == 0 ? Raw(body, field, Pick(WrongTypesForText), "wrong type") : Text(body, field, Pick(["", "UPPER", "a b", new string('s', 65), .. ShortOddStrings.Where(o => o != "null")]), "bad slug");
            case FuzzFieldKind.Name:
                if (random.Next(3) == 0)
                {
                    Set(body, field.Name, JsonValue.Create(OddString(maxLength: 3) + OddString(maxLength: 3)));
                    return ($"{field.Name} short odd string", FuzzExpectation.NotServerError);
                }

                return random.Next(2) == 0 ? Raw(body, field, Pick(WrongTypesForText), "wrong type")
                    : Text(body, field, Pick<string>(field.Required ? ["", new string('n', 201), new string('é', 10_001), new string('/', 70_000)] : [new string('é', 10_001), new string('/', 70_000)]), field.Required ? "empty or too long" : "too long");
            case FuzzFieldKind.Structure:
                // An optional object may be sent as {} or with unknown members (ignored): only other shapes are bad for sure.
                return Raw(body, field, Pick<string>(field.Required ? ["\"x\"", "1", "[]", "{}", "[null]", "[1]", "{\"amount\":-1}", "[{\"creditCurrencyId\":1}]"] : ["\"x\"", "1", "true", "[1]"]), "bad structure");
            default:
                throw new InvalidOperationException($"Unknown field kind {field.Kind}.");
        }
    }

    private static (string, FuzzExpectation) Raw(JsonObject body, FuzzField field, string literal, string what)
    {
        Set(body, field.Name, JsonNode.Parse(literal));
        return ($"{field.Name} {what} ({Excerpt(literal)})", FuzzExpectation.Rejected);
    }

    private static (string, FuzzExpectation) Text(JsonObject body, FuzzField field, string text, string what)
    {
        Set(body, field.Name, JsonValue.Create(text));
        return ($"{field.Name} {what} ({Excerpt(text)})", FuzzExpectation.Rejected);
    }

    /// <summary>The route's path: the template's valid id (the control's hold) or a bad one (unknown, another organization's, odd).</summary>
    private string PathWith(FunctionDescriptor route, FuzzTemplate? template, bool validId)
    {
        var path = "/" + route.Route!;
        var start = path.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return path;
        }

        var end = path.IndexOf('}', start);
        var id = validId && template?.ValidPathId is { } valid ? valid
            : random.Next(3) switch
            {
                0 => Pick(world.OtherOrgIds),
                1 => Pick(["cus_", "hold_", "grant_", "cacc_", "sub_"]) + Guid.NewGuid().ToString("N"),
                _ => OddString(maxLength: 600).Replace('\0', '\u0001'), // a longer path or a NUL is refused by the server itself, before the app
            };
        return path[..start] + Escape(id) + path[(end + 1)..];
    }

    private string OddString(int maxLength) => random.Next(4) switch
    {
        0 => new string(Pick(['x', '/', '\\', '#', '?', 'é', '\u0001']), Math.Min(maxLength, random.Next(2) == 0 ? 10_001 : 257)),
        1 => string.Concat(Enumerable.Range(0, Math.Min(maxLength, random.Next(1, 400))).Select(_ => (char)random.Next(1, 0xD7FF))),
        _ => Pick(ShortOddStrings),
    };

    private static string Escape(string segment) => Uri.EscapeDataString(segment.Replace("\ud800", "\ufffd", StringComparison.Ordinal));

    private static string Excerpt(string text) =>
        text.Length <= 24 ? text : text[..12] + $"…[{text.Length.ToString(CultureInfo.InvariantCulture)} chars]";

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static void Set(JsonObject body, string path, JsonNode? value)
    {
        var (parent, last) = Navigate(body, path);
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when int.TryParse(last, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                a[i] = value;
                break;
        }
    }

    private static void Remove(JsonObject body, string path)
    {
        var (parent, last) = Navigate(body, path);
        if (parent is JsonObject o)
        {
            o.Remove(last);
        }
    }

    private static (JsonNode? Parent, string Last) Navigate(JsonObject body, string path)
    {
        var parts = path.Split('.');
        JsonNode? node = body;
        foreach (var part in parts[..^1])
        {
            node = node switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return (node, parts[^1]);
    }
}
