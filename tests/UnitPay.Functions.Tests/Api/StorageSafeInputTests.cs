using System.Text;
using System.Text.Json.Nodes;
using UnitPay.Functions.Hosting;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Api;

/// <summary>
/// Issue 20: ids that storage cannot take as keys, very long ids and overflowing amounts are the caller's fault, so they
/// answer a 4xx problem (never a 500), and nothing is written. Paths and query strings are checked on every route.
/// </summary>
public sealed class StorageSafeInputTests
{
    /// <summary>Each class of id that Table Storage refuses as a key, URL-encoded for a path segment or a query value.</summary>
    public static TheoryData<string> BadIds => new()
    {
        "a%23b",                    // '#'
        "a%3Fb",                    // '?'
        "a%5Cb",                    // '\'
        "a%01b",                    // a control character
        "a%7F",                     // DEL
        new string('x', 2_000),     // far longer than any id (tens of thousands answer 414 from the web server, before the app)
    };

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task A_bad_id_in_any_route_segment_answers_4xx_and_never_reaches_storage_as_a_500(string badId)
    {
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        var failures = new List<string>();
        foreach (var function in FunctionIndex.All.Where(f => f.Trigger == TriggerKind.Http && f.Route!.Contains('{', StringComparison.Ordinal) && f.Name != "RouteNotFoundHttp"))
        {
            var path = "/" + System.Text.RegularExpressions.Regex.Replace(function.Route!, @"\{[^}]+\}", badId);
            var (status, code) = await SendAsync(app.Client, function.Methods[0], path, "{}");
            // The portal's pages answer a person, in HTML: a bad token is a 401 page rather than a problem document.
            var portal = function.Route!.StartsWith("portal/", StringComparison.Ordinal);
            if (status is < 400 or >= 500 || (code is null && !portal))
            {
                failures.Add($"{function.Methods[0]} {function.Route}: {status} {code}");
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task A_bad_id_in_any_query_parameter_answers_4xx_on_every_listing(string badId)
    {
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        var failures = new List<string>();
        var parameters = new[] { "customerId", "creditAccountId", "creditCurrencyId", "featureId", "currencyId", "type" };
        // Public routes (health, the API reference) read no ids from the query: they answer whatever it holds.
        foreach (var function in FunctionIndex.All.Where(f => f.Trigger == TriggerKind.Http && f.Methods.Contains("GET") && !f.Route!.Contains('{', StringComparison.Ordinal)
            && !UnitPay.Functions.Api.ApiKeyAuthenticator.IsPublic(new Microsoft.AspNetCore.Http.PathString("/" + f.Route))))
        {
            foreach (var parameter in parameters)
            {
                var (status, code) = await SendAsync(app.Client, "GET", $"/{function.Route}?{parameter}={badId}", null);

                // A customer reference may be an external id, which may hold '#', '?' and '' (stored under a hashed key).
                var mayBeValid = parameter == "customerId" && UnitPay.Core.Identifiers.IdRules.IsValidExternalId(Uri.UnescapeDataString(badId));
                if (status >= 500 || (status >= 400 && code is null) || (status < 400 && !mayBeValid))
                {
                    failures.Add($"GET {function.Route}?{parameter}=…: {status} {code}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_key_breaking_id_in_a_query_is_400_naming_the_parameter_but_an_external_customer_id_may_hold_a_slash()
    {
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());

        var (status, problem) = await app.Client.GetJsonAsync("/v1/credit-ledger?creditAccountId=a%2Fb");
        Assert.Equal((400, "VALIDATION_FAILED"), (status, problem.Str("code")));
        Assert.Contains("creditAccountId", problem.Str("detail"), StringComparison.Ordinal);

        // External ids are as permissive as callers' ids are: a slash is stored under a hashed key, and found again.
        var (created, customer) = await app.Client.PostAsync("/v1/customers", new { name = "Slashy", externalId = "team/alpha#1" });
        Assert.Equal(201, created);
        var (found, same) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + Uri.EscapeDataString("team/alpha#1"));
        Assert.Equal(200, found);
        Assert.Empty(same!["accounts"]!.AsArray());
        var (byId, read) = await app.Client.GetJsonAsync("/v1/customers/" + customer.Str("id"));
        Assert.Equal((200, "team/alpha#1"), (byId, read.Str("externalId")));
    }

    [Fact]
    public async Task Bad_ids_in_bodies_are_400_naming_the_field_and_well_formed_unknown_ids_are_404()
    {
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        var scenario = await Scenario.CreateAsync(app.Client);
        var longId = new string('c', 20_000);
        var cases = new (string Path, object Body, int Status, string Field)[]
        {
            ("/v1/check", new { customerId = scenario.CustomerId, featureSlug = "a/b" }, 400, "featureSlug"),
            ("/v1/check", new { customerId = longId, featureSlug = scenario.FeatureSlug }, 400, "customerId"),
            ("/v1/check", new { customerId = "a\u0001b", featureSlug = scenario.FeatureSlug }, 400, "customerId"),
            ("/v1/check", new { customerId = "nobody-here", featureSlug = scenario.FeatureSlug }, 404, "customerId"),
            ("/v1/credit-grants", new { customerId = scenario.CustomerId, creditCurrencyId = "ccur_#x", amount = 5 }, 400, "creditCurrencyId"),
            ("/v1/credit-grants", new { customerId = scenario.CustomerId, creditCurrencyId = longId, amount = 5 }, 400, "creditCurrencyId"),
            ("/v1/reservations", new { customerId = scenario.CustomerId, featureSlug = "x?y", quantity = 1 }, 400, "featureSlug"),
            ("/v1/subscriptions", new { customerId = scenario.CustomerId, planId = "plan_a\\b" }, 400, "planId"),
            ("/v1/customers", new { name = "Bad", externalId = "tab\there" }, 400, "externalId"),
            ("/v1/customers", new { name = "Long", externalId = longId }, 400, "externalId"),
        };

        foreach (var (path, body, expected, field) in cases)
        {
            var (status, problem) = await app.Client.PostAsync(path, body);
            Assert.True(status == expected, $"{path} {field}: {status} {problem?.ToJsonString()}");
            if (expected == 400)
            {
                Assert.Equal("VALIDATION_FAILED", problem.Str("code"));
                Assert.Contains(field, problem!.ToJsonString(), StringComparison.Ordinal);
            }
        }

        var (_, accounts) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId);
        Assert.Empty(accounts!["accounts"]!.AsArray()); // nothing was written by any of them
    }

    [Fact]
    public async Task A_grant_that_would_overflow_is_refused_and_the_wallet_is_unchanged()
    {
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        var scenario = await Scenario.CreateAsync(app.Client);
        await scenario.GrantAsync(app.Client, 100);

        foreach (var amount in new[] { long.MaxValue, long.MaxValue - 100, 1_000_000_000_000_001L })
        {
            var (status, problem) = await app.Client.PostAsync("/v1/credit-grants", new { customerId = scenario.CustomerId, creditCurrencyId = scenario.CurrencyId, amount });
            Assert.Equal((400, "VALIDATION_FAILED"), (status, problem.Str("code")));
            Assert.Contains("amount", problem.Str("detail"), StringComparison.Ordinal);
        }

        var (tooBig, _) = await app.Client.PostRawAsync("/v1/credit-grants", $$"""{"customerId":"{{scenario.CustomerId}}","creditCurrencyId":"{{scenario.CurrencyId}}","amount":92233720368547758070}""");
        Assert.Equal(400, tooBig);
        var (_, accounts) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId);
        Assert.Equal(100, accounts!["accounts"]![0].Num("balance"));
        var (_, ledger) = await app.Client.GetJsonAsync("/v1/credit-ledger?customerId=" + scenario.CustomerId);
        Assert.Single(ledger!["entries"]!.AsArray());
    }

    [Fact]
    public async Task The_same_idempotency_key_with_the_same_json_in_another_property_order_replays()
    {
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        var scenario = await Scenario.CreateAsync(app.Client);
        var first = $$"""{"customerId":"{{scenario.CustomerId}}","creditCurrencyId":"{{scenario.CurrencyId}}","amount":40}""";
        var reordered = $$"""{ "amount": 40, "creditCurrencyId": "{{scenario.CurrencyId}}",  "customerId": "{{scenario.CustomerId}}" }""";

        var (status1, body1) = await PostWithKeyAsync(app.Client, first, "order-1");
        var (status2, body2) = await PostWithKeyAsync(app.Client, reordered, "order-1");
        var (status3, body3) = await PostWithKeyAsync(app.Client, reordered.Replace("40", "41", StringComparison.Ordinal), "order-1");

        Assert.Equal((201, 201, 409), (status1, status2, status3));
        Assert.Equal(body1.Str("id"), body2.Str("id"));
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", body3.Str("code"));
        var (_, accounts) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId);
        Assert.Equal(40, accounts!["accounts"]![0].Num("balance"));
    }

    private static async Task<(int Status, JsonNode? Body)> PostWithKeyAsync(HttpClient client, string json, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/credit-grants") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static async Task<(int Status, string? Code)> SendAsync(HttpClient client, string method, string path, string? json)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        return ((int)response.StatusCode, isProblem && text.Length > 0 ? JsonNode.Parse(text)?["code"]?.GetValue<string>() : null);
    }
}
