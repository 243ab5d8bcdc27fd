using System.Reflection;
using System.Text.Json.Nodes;
using UnitPay.Core.Results;
using UnitPay.Functions.Api;
using UnitPay.Functions.Hosting;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.OpenApi;

/// <summary>The document against the code: every HTTP function is an operation, every operation a function, the keys and codes as the code has them.</summary>
public sealed class OpenApiCoverageTests
{
    private const string CatchAll = "RouteNotFoundHttp";

    [Fact]
    public void Every_http_function_has_an_operation_and_every_operation_is_a_function()
    {
        Assert.Empty(Mismatches(HttpFunctions(), OpenApiSpec.Kept));
    }

    [Fact]
    public void A_route_without_an_entry_in_the_document_is_reported()
    {
        var document = OpenApiSpec.Kept.Document.DeepClone().AsObject();
        document["paths"]!.AsObject().Remove("/v1/check");

        var mismatches = Mismatches(HttpFunctions(), new OpenApiSpec(document));

        Assert.Equal(["CheckAccessHttp: POST /v1/check has no operation"], mismatches);
    }

    [Fact]
    public void Exactly_the_public_paths_are_documented_without_a_key()
    {
        foreach (var operation in OpenApiSpec.Kept.Operations)
        {
            var documentedPublic = operation.Node["security"] is JsonArray { Count: 0 };
            var path = operation.Path.Replace("{", "x", StringComparison.Ordinal).Replace("}", string.Empty, StringComparison.Ordinal);
            Assert.True(ApiKeyAuthenticator.IsPublic(new Microsoft.AspNetCore.Http.PathString(path)) == documentedPublic, $"{operation.Id}: documented {(documentedPublic ? "without" : "with")} a key");
        }

        var schemes = OpenApiSpec.Kept.Document["components"]!["securitySchemes"]!;
        Assert.Equal(("apiKey", "header", "x-api-key"), (schemes["apiKey"].Str("type"), schemes["apiKey"].Str("in"), schemes["apiKey"].Str("name")));
        Assert.Equal(("http", "bearer"), (schemes["bearer"].Str("type"), schemes["bearer"].Str("scheme")));
    }

    [Fact]
    public void Every_failure_code_is_documented_under_the_status_it_answers()
    {
        var spec = OpenApiSpec.Kept;
        var codes = typeof(FailureCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();
        var problemCodes = spec.Document["components"]!["schemas"]!["Problem"]!["properties"]!["code"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(codes.Append("INTERNAL").Order(StringComparer.Ordinal), problemCodes.Order(StringComparer.Ordinal));

        // Every code an answer enumerates is answered with that status; every code is enumerated under its status somewhere.
        var documented = new HashSet<(string Code, int Status)>();
        foreach (var operation in spec.Operations)
        {
            foreach (var (status, reference) in operation.Node["responses"]!.AsObject())
            {
                var schema = spec.Resolve(reference)?["content"]?["application/problem+json"]?["schema"];
                foreach (var code in (schema?["allOf"]?.AsArray() ?? []).SelectMany(p => p?["properties"]?["code"]?["enum"]?.AsArray() ?? []).Select(c => c!.GetValue<string>()))
                {
                    var answered = code == "INTERNAL" ? 500 : Problems.StatusOf(code);
                    Assert.True(answered.ToString(System.Globalization.CultureInfo.InvariantCulture) == status, $"{operation.Id}: {code} is documented under {status} but answered with {answered}");
                    documented.Add((code, answered));
                }
            }
        }

        Assert.DoesNotContain(codes, c => !documented.Contains((c, Problems.StatusOf(c))));
    }

    internal static List<FunctionDescriptor> HttpFunctions() =>
        [.. FunctionIndex.All.Where(f => f.Trigger == TriggerKind.Http && f.Name != CatchAll)];

    /// <summary>Each function method without an operation of its name at its route, and each operation that no function serves.</summary>
    internal static List<string> Mismatches(IReadOnlyList<FunctionDescriptor> functions, OpenApiSpec spec)
    {
        var problems = new List<string>();
        var served = new HashSet<(string Method, string Path)>();
        foreach (var function in functions)
        {
            foreach (var method in function.Methods)
            {
                var path = "/" + function.Route;
                served.Add((method, path));
                var operation = spec.Operations.SingleOrDefault(o => o.Method == method && o.Path == path);
                if (operation is null)
                {
                    problems.Add($"{function.Name}: {method} {path} has no operation");
                }
                else if (operation.Id != function.Name)
                {
                    problems.Add($"{function.Name}: {method} {path} is documented as operationId {operation.Id}");
                }
            }
        }

        problems.AddRange(spec.Operations.Where(o => !served.Contains((o.Method, o.Path))).Select(o => $"{o.Id}: {o.Method} {o.Path} is served by no function"));
        return problems;
    }
}
