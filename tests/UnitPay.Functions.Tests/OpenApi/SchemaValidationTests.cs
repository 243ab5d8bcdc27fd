namespace UnitPay.Functions.Tests.OpenApi;

/// <summary>The validator the conformance test relies on refuses what the document does not allow (so its passing means something).</summary>
public sealed class SchemaValidationTests
{
    private const string Currency =
        """{"id":"ccur_1","name":"AI credits","slug":"ai-credits","denomination":"unit","minorUnitScale":0,"overage":{"mode":"reject","overageLimit":null,"overageBehavior":null,"overagePricePerUnit":null},"topUpPrice":{"amount":2,"currency":"usd"},"createdAt":"2026-12-01T10:00:00.123+00:00"}""";

    private static readonly SpecOperation GetCurrency = OpenApiSpec.Kept.Find("GET", "/v1/credit-currencies/ccur_1")!;

    [Fact]
    public void A_body_as_the_code_writes_it_validates()
    {
        Assert.Empty(OpenApiSpec.Kept.Check(GetCurrency, 200, "application/json", Currency));
    }

    [Theory]
    [InlineData("\"minorUnitScale\":0", "\"scale\":0")] // renamed: the required member is missing, the new one is not documented
    [InlineData("\"slug\":\"ai-credits\",", "")] // dropped
    [InlineData("\"createdAt\":\"2026-12-01T10:00:00.123+00:00\"", "\"createdAt\":\"yesterday\"")] // not a date-time
    [InlineData("\"mode\":\"reject\"", "\"mode\":\"sometimes\"")] // not one of the enumerated values
    [InlineData("\"amount\":2,", "\"amount\":\"2\",")] // a number as a string
    public void A_renamed_dropped_or_mistyped_field_fails(string from, string to)
    {
        var body = Currency.Replace(from, to, StringComparison.Ordinal);

        Assert.NotEqual(Currency, body);
        Assert.NotEmpty(OpenApiSpec.Kept.Check(GetCurrency, 200, "application/json", body));
    }

    [Fact]
    public void A_status_the_operation_does_not_document_fails()
    {
        var problems = OpenApiSpec.Kept.Check(GetCurrency, 418, "application/json", "{}");

        Assert.Contains("status 418 is not documented", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_problem_with_a_code_not_documented_for_its_status_fails()
    {
        const string Problem = """{"type":"urn:unitpay:problem:not-found","title":"Not found.","status":404,"detail":"x","code":"CONFLICT"}""";

        Assert.NotEmpty(OpenApiSpec.Kept.Check(GetCurrency, 404, "application/problem+json", Problem));
        Assert.Empty(OpenApiSpec.Kept.Check(GetCurrency, 404, "application/problem+json", Problem.Replace("CONFLICT", "NOT_FOUND", StringComparison.Ordinal)));
    }
}
