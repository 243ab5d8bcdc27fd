using UnitPay.Functions.Configuration;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Api;

/// <summary>Per-key limits: 429 RATE_LIMITED with Retry-After past the burst; other keys and the track path count apart.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task A_key_past_its_burst_gets_429_rate_limited_with_retry_after_and_other_keys_are_not_slowed()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?>(QuietTimers.Settings())
        {
            [SettingNames.RateLimit] = "3",
            [SettingNames.TrackRateLimit] = "50",
        });
        using var other = await app.SecondOrganizationAsync();

        // A bucket holds two seconds' worth: 6 requests pass at once, then the key is limited.
        var statuses = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await app.Client.GetJsonAsync("/v1/credit-currencies")).Status);
        }

        Assert.InRange(statuses.Count(s => s == 200), 6, 8); // refills at 3/s while the loop runs
        using var limited = await app.Client.GetAsync("/v1/credit-currencies");
        Assert.Equal(429, (int)limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("RATE_LIMITED", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After says when to come back.");

        // Another key has its own bucket, and the track path of the limited key has its own, larger one.
        Assert.Equal(200, (await other.GetJsonAsync("/v1/credit-currencies")).Status);
        var (trackStatus, _) = await app.Client.PostAsync("/v1/usage/track", new { events = new[] { new { customerId = "nobody", featureSlug = "nothing" } } });
        Assert.Equal(202, trackStatus);

        // Health needs no key and is never limited.
        Assert.Equal(200, (await app.Client.GetJsonAsync("/v1/health")).Status);
    }

    [Fact]
    public async Task The_bucket_refills_so_a_client_that_waits_as_told_gets_through()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?>(QuietTimers.Settings()) { [SettingNames.RateLimit] = "2" });
        int status;
        do
        {
            status = (await app.Client.GetJsonAsync("/v1/features")).Status;
        }
        while (status == 200);

        Assert.Equal(429, status);
        var passed = await Poll.UntilAsync(async () => (await app.Client.GetJsonAsync("/v1/features")).Status, s => s == 200, TimeSpan.FromSeconds(10), "the bucket to refill");
        Assert.Equal(200, passed);
    }
}
