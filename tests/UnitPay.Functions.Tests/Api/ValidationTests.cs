using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Api;

/// <summary>Bad input: a clear 4xx problem+json with a stable code, never a 5xx, and nothing changes.</summary>
public sealed class ValidationTests
{
    [Theory]
    [InlineData("/v1/credit-grants", "{not json", "VALIDATION_FAILED")]
    [InlineData("/v1/credit-grants", "[1,2]", "VALIDATION_FAILED")]
    [InlineData("/v1/credit-grants", """{"customerId": 5}""", "VALIDATION_FAILED")]
    [InlineData("/v1/credit-grants", """{"customerId":"x","creditCurrencyId":"y","amount":10.5}""", "VALIDATION_FAILED")]
    [InlineData("/v1/credit-currencies", """{"name":"Euro credit","denomination":"euros"}""", "VALIDATION_FAILED")]
    [InlineData("/v1/credit-currencies", """{"name":"Yen","denomination":"jpy","minorUnitScale":2}""", "VALIDATION_FAILED")]
    [InlineData("/v1/credit-currencies", """{"name":"Units","denomination":"unit","minorUnitScale":4}""", "VALIDATION_FAILED")]
    [InlineData("/v1/features", """{"slug":"Bad Slug","name":"x","creditCosts":[]}""", "VALIDATION_FAILED")]
    [InlineData("/v1/usage/track", """{"customerId":"c","featureSlug":"f","quantity":"many"}""", "VALIDATION_FAILED")]
    [InlineData("/v1/usage/track", "{\"events\": []}", "VALIDATION_FAILED")]
    [InlineData("/v1/check", """{"customerId":"c"}""", "VALIDATION_FAILED")]
    public async Task Malformed_or_mistyped_bodies_are_400_with_a_code(string path, string body, string code)
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_LOCAL_TRIGGERS"] = "false" });

        var (status, problem) = await app.Client.PostRawAsync(path, body);

        Assert.Equal(400, status);
        Assert.Equal(code, problem.Str("code"));
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")));
    }

    [Fact]
    public async Task Bad_usage_and_unknown_ids_change_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1);
        await scenario.GrantAsync(app.Client, 50);

        Assert.Equal(400, (await app.Client.PostAsync("/v1/usage/track", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, quantity = 0 })).Status);
        Assert.Equal(400, (await app.Client.PostAsync("/v1/usage/track", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, quantity = -3 })).Status);
        Assert.Equal(400, (await app.Client.PostAsync("/v1/usage/track", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, quantity = 10_000_000_000_000m })).Status);
        Assert.Equal(404, (await app.Client.PostAsync("/v1/usage/track", new { customerId = "cus_nosuchcustomer00000000000000", featureSlug = scenario.FeatureSlug })).Status);
        Assert.Equal(404, (await app.Client.PostAsync("/v1/usage/track", new { customerId = scenario.CustomerId, featureSlug = "no-such-feature" })).Status);
        Assert.Equal(400, (await app.Client.PostAsync("/v1/credit-grants", new { customerId = scenario.CustomerId, creditCurrencyId = scenario.CurrencyId, amount = 0 })).Status);
        Assert.Equal(400, (await app.Client.PostAsync("/v1/credit-grants", new { customerId = scenario.CustomerId, creditCurrencyId = scenario.CurrencyId, amount = -5 })).Status);
        Assert.Equal(404, (await app.Client.PostAsync("/v1/credit-grants", new { customerId = scenario.CustomerId, creditCurrencyId = "ccur_unknown000000000000000000", amount = 5 })).Status);
        Assert.Equal(400, (await app.Client.PostAsync("/v1/credit-grants", new { customerId = scenario.CustomerId, creditCurrencyId = scenario.CurrencyId, amount = 5, source = "plan" })).Status);
        Assert.Equal(404, (await app.Client.PostAsync("/v1/credit-grants/grant_nope/void", new { })).Status);

        var tooMany = Enumerable.Range(0, 1001).Select(_ => new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug }).ToArray();
        var (batchStatus, batchProblem) = await app.Client.PostAsync("/v1/usage/track", new { events = tooMany });
        Assert.Equal(413, batchStatus);
        Assert.Equal("PAYLOAD_TOO_LARGE", batchProblem.Str("code"));

        var storage = app.Service<UnitPay.Core.Storage.StorageAccount>();
        Assert.Equal(0, (await storage.UsageQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var (_, ledger) = await app.Client.GetJsonAsync("/v1/credit-ledger?customerId=" + scenario.CustomerId);
        Assert.Single(ledger!["entries"]!.AsArray());
    }

    [Fact]
    public async Task A_batch_rejects_single_events_and_accepts_the_rest()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_LOCAL_TRIGGERS"] = "false" });
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1);

        var (status, result) = await app.Client.PostRawAsync("/v1/usage/track", $$"""
            {"events": [
              {"customerId": "{{scenario.CustomerId}}", "featureSlug": "{{scenario.FeatureSlug}}", "quantity": 2},
              {"customerId": "{{scenario.CustomerId}}", "featureSlug": "{{scenario.FeatureSlug}}", "quantity": "two"},
              {"customerId": "{{scenario.CustomerId}}", "featureSlug": "no-such-feature"},
              {"customerId": "{{scenario.CustomerId}}", "featureSlug": "{{scenario.FeatureSlug}}", "quantity": 0},
              {"customerId": "{{scenario.ExternalId}}", "featureSlug": "{{scenario.FeatureSlug}}"}
            ]}
            """);

        Assert.Equal(202, status);
        Assert.Equal((2L, 3L), (result.Num("accepted"), result.Num("rejected")));
        var rejections = result!["rejections"]!.AsArray().Select(r => ((int)r.Num("index"), r.Str("reason"))).ToList();
        Assert.Equal([(1, "VALIDATION_FAILED"), (2, "NOT_FOUND"), (3, "VALIDATION_FAILED")], rejections);
        var ids = result["eventIds"]!.AsArray();
        Assert.NotNull(ids[0]);
        Assert.Null(ids[1]);
        Assert.NotNull(ids[4]);
        var storage = app.Service<UnitPay.Core.Storage.StorageAccount>();
        Assert.Equal(1, (await storage.UsageQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount); // both events in one message
    }
}
