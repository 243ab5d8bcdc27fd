using Azure.Storage.Queues;
using UnitPay.Core.Storage;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Api;

/// <summary>A body sent as something other than JSON is refused on every route, the track route included (found by the API fuzzer).</summary>
public sealed class ContentTypeTests
{
    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Usage_sent_with_a_non_json_content_type_is_refused_and_nothing_is_enqueued(string contentType)
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_LOCAL_TRIGGERS"] = "false" });
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1);
        var body = $$"""{"customerId":"{{scenario.CustomerId}}","featureSlug":"{{scenario.FeatureSlug}}"}""";

        var (status, problem) = await app.Client.PostRawAsync("/v1/usage/track", body, contentType);

        Assert.Equal(400, status);
        Assert.Equal("VALIDATION_FAILED", problem.Str("code"));
        QueueClient queue = app.Service<StorageAccount>().UsageQueue;
        Assert.Empty((await queue.PeekMessagesAsync(maxMessages: 32)).Value);
    }
}
