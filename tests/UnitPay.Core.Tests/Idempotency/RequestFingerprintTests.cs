using System.Text;
using CsCheck;
using UnitPay.Core.Idempotency;

namespace UnitPay.Core.Tests.Idempotency;

public sealed class RequestFingerprintTests
{
    private static string Of(string body, string query = "", string method = "POST", string path = "/v1/credit-grants") =>
        RequestFingerprint.Compute(method, path, query, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void The_same_json_with_properties_in_another_order_has_the_same_fingerprint()
    {
        var a = Of("""{"customerId":"cus_1","amount":100,"meta":{"b":[1,2],"a":null}}""");
        var b = Of("""
            {
              "meta": { "a": null, "b": [ 1, 2 ] },
              "amount": 100,
              "customerId": "cus_1"
            }
            """);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Escaped_and_plain_strings_of_the_same_value_have_the_same_fingerprint() =>
        Assert.Equal(Of("""{"name":"A/é"}"""), Of("""{"name":"\u0041\/\u00e9"}"""));

    [Theory]
    [InlineData("""{"amount":100}""", """{"amount":101}""")]
    [InlineData("""{"amount":100}""", """{"amount":"100"}""")]
    [InlineData("""{"amount":1}""", """{"amount":1.0}""")] // an integer field accepts 1 and refuses 1.0
    [InlineData("""{"a":null}""", """{}""")]
    [InlineData("""{"list":[1,2]}""", """{"list":[2,1]}""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":{"b":1,"c":1}}""")]
    [InlineData("""{"name":"Ada"}""", """{"name":"ada"}""")]
    [InlineData("""{"x":true}""", """{"x":false}""")]
    public void Different_values_have_different_fingerprints(string first, string second) =>
        Assert.NotEqual(Of(first), Of(second));

    [Fact]
    public void Method_path_and_query_are_part_of_the_request()
    {
        var body = """{"amount":1}""";
        Assert.NotEqual(Of(body), Of(body, method: "PUT"));
        Assert.NotEqual(Of(body), Of(body, path: "/v1/top-ups"));
        Assert.NotEqual(Of(body, "?a=1"), Of(body, "?a=2"));
        Assert.Equal(Of(body, "?a=1&b=x%20y"), Of(body, "b=x+y&a=1"));
        Assert.NotEqual(Of(body, "?a=1&a=2"), Of(body, "?a=2&a=1")); // repeated names keep their order
    }

    [Fact]
    public void A_body_that_is_not_json_is_compared_byte_for_byte()
    {
        Assert.Null(RequestFingerprint.CanonicalJson("amount=1&b=2"u8));
        Assert.Null(RequestFingerprint.CanonicalJson("""{"a":1} trailing"""u8));
        Assert.Equal(Of("amount=1"), Of("amount=1"));
        Assert.NotEqual(Of("amount=1 "), Of("amount=1"));
        Assert.NotEqual(Of(""), Of("{}"));
        Assert.Equal(Of(""), RequestFingerprint.Compute("post", "/v1/credit-grants", null, []));
    }

    [Fact]
    public void An_escaped_unpaired_surrogate_falls_back_to_the_bytes_instead_of_throwing()
    {
        var odd = """{"name":"\ud800"}""";
        Assert.Equal(Of(odd), Of(odd));
        Assert.NotEqual(Of(odd), Of("""{ "name":"\ud800"}"""));
    }

    private static readonly Gen<Dictionary<string, long>> GenObject =
        Gen.Dictionary(Gen.String[Gen.Char.AlphaNumeric, 1, 8], Gen.Long[-1000, 1000])[0, 8];

    [Fact]
    public void Any_object_has_one_fingerprint_whatever_the_order_of_its_properties() =>
        Gen.Select(GenObject, Gen.Int).Sample((properties, seed) =>
        {
            static string Json(IEnumerable<KeyValuePair<string, long>> ps) =>
                "{" + string.Join(",", ps.Select(p => $"\"{p.Key}\": {p.Value}")) + "}";
            var random = new Random(seed);
            var shuffled = properties.OrderBy(_ => random.Next()).ToList();
            return Of(Json(properties)) == Of(Json(shuffled));
        });
}
