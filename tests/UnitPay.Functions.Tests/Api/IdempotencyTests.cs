using System.Net.Http.Json;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Api;

public sealed class IdempotencyTests
{
    [Fact]
    public async Task Same_key_and_body_replays_the_first_answer_and_grants_once()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_LOCAL_TRIGGERS"] = "false" });
        var scenario = await Scenario.CreateAsync(app.Client);
        var body = new { customerId = scenario.CustomerId, creditCurrencyId = scenario.CurrencyId, amount = 40 };

        var (firstStatus, first) = await app.Client.PostAsync("/v1/credit-grants", body, idempotencyKey: "grant-once");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/credit-grants") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", "grant-once");
        using var replay = await app.Client.SendAsync(request);
        var second = System.Text.Json.Nodes.JsonNode.Parse(await replay.Content.ReadAsStringAsync());

        Assert.Equal(201, firstStatus);
        Assert.Equal(201, (int)replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Str("id"), second.Str("id"));
        var (_, accounts) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId);
        Assert.Equal(40, accounts!["accounts"]![0].Num("balance"));
    }

    [Fact]
    public async Task Same_key_with_a_different_body_is_409_idempotency_key_reused()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_LOCAL_TRIGGERS"] = "false" });
        var scenario = await Scenario.CreateAsync(app.Client);

        await app.Client.PostAsync("/v1/credit-grants", new { customerId = scenario.CustomerId, creditCurrencyId = scenario.CurrencyId, amount = 40 }, idempotencyKey: "k1");
        var (status, problem) = await app.Client.PostAsync("/v1/credit-grants", new { customerId = scenario.CustomerId, creditCurrencyId = scenario.CurrencyId, amount = 41 }, idempotencyKey: "k1");

        Assert.Equal(409, status);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", problem.Str("code"));
        var (_, accounts) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId);
        Assert.Equal(40, accounts!["accounts"]![0].Num("balance"));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_grant_once()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_LOCAL_TRIGGERS"] = "false" });
        var scenario = await Scenario.CreateAsync(app.Client);
        var body = new { customerId = scenario.CustomerId, creditCurrencyId = scenario.CurrencyId, amount = 7 };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.Client.PostAsync("/v1/credit-grants", body, idempotencyKey: "race")));

        Assert.All(results, r => Assert.True(r.Status is 201 or 409, $"unexpected {r.Status}"));
        Assert.Contains(results, r => r.Status == 201);
        Assert.Single(results.Where(r => r.Status == 201).Select(r => r.Body.Str("id")).Distinct());
        var (_, accounts) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId);
        Assert.Equal(7, accounts!["accounts"]![0].Num("balance"));
    }
}
