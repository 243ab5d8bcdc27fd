using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Analytics;

/// <summary>Burn rate, runway and balances as of an instant over HTTP, on a controlled clock, against Azurite.</summary>
public sealed class AnalyticsApiTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Burn_rate_counts_consumption_by_day_and_feature_and_reads_only_back_to_the_window()
    {
        var clock = new ManualClock(Start);
        await using var app = await TestApp.StartAsync(services => services.AddSingleton<TimeProvider>(clock), QuietTimers.Settings());
        var scenario = await Scenario.CreateAsync(app.Client);
        var other = await FeatureAsync(app.Client, scenario.CurrencyId, "images");

        // Forty days of old history: twenty grants. A 7-day window must not read them.
        for (var i = 0; i < 20; i++)
        {
            await scenario.GrantAsync(app.Client, 50);
        }

        clock.Advance(TimeSpan.FromDays(40));
        await scenario.GrantAsync(app.Client, 1000);
        await SpendAsync(app.Client, scenario, scenario.FeatureSlug, 3); // 30 today
        clock.Advance(TimeSpan.FromDays(1));
        await SpendAsync(app.Client, scenario, other, 2); // 20 the next day
        clock.Advance(TimeSpan.FromDays(1));

        var (status, burn) = await app.Client.GetJsonAsync($"/v1/usage/burn-rate?customerId={scenario.ExternalId}&creditCurrencyId={scenario.CurrencyId}&window=7d");

        Assert.Equal(200, status);
        var daily = burn!["daily"]!.AsArray().Select(d => d.Num("amount")).ToList();
        Assert.Equal([0L, 0, 0, 0, 30, 20, 0], daily);
        Assert.Equal((50L, 7.14m), (burn.Num("totalConsumed"), decimal.Parse(burn["averageDailyBurn"]!.ToString(), CultureInfo.InvariantCulture))); // 50 / 7, rounded
        Assert.Equal(new Dictionary<string, long> { [scenario.FeatureSlug] = 30, [other] = 20 }, burn["features"]!.AsArray().ToDictionary(f => f.Str("featureSlug"), f => f.Num("totalConsumed")));
        Assert.Equal(1950, burn.Num("available")); // 20 x 50 + 1000 - 50

        // 1950 credits at 50/7 a day: 273 days (within the 365-day horizon).
        Assert.Equal(273m, decimal.Parse(burn["runway"]!["days"]!.ToString(), CultureInfo.InvariantCulture));

        // The read walked the recent entries (a grant, two captures and their holds and releases) and one older, not forty days of grants.
        Assert.InRange(burn.Num("entriesRead"), 3, 10);
    }

    [Fact]
    public async Task The_balance_as_of_any_past_instant_is_the_ledger_then_with_its_open_grants()
    {
        var clock = new ManualClock(Start);
        await using var app = await TestApp.StartAsync(services => services.AddSingleton<TimeProvider>(clock), QuietTimers.Settings());
        var scenario = await Scenario.CreateAsync(app.Client);
        var first = (await scenario.GrantAsync(app.Client, 100)).Str("id");
        clock.Advance(TimeSpan.FromHours(1));
        await SpendAsync(app.Client, scenario, scenario.FeatureSlug, 3); // 30 from the first grant
        clock.Advance(TimeSpan.FromHours(1));
        var second = (await scenario.GrantAsync(app.Client, 50, expiresAt: Start.AddDays(10))).Str("id");
        clock.Advance(TimeSpan.FromHours(1));
        var account = (await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId)).Body!["accounts"]![0].Str("id");

        async Task<System.Text.Json.Nodes.JsonNode> AsOfAsync(DateTimeOffset at)
        {
            var (status, body) = await app.Client.GetJsonAsync($"/v1/credit-accounts/{account}/balance?asOf={Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture))}");
            Assert.Equal(200, status);
            return body!;
        }

        var before = await AsOfAsync(Start.AddMinutes(-1));
        var granted = await AsOfAsync(Start.AddMinutes(30));
        var spent = await AsOfAsync(Start.AddMinutes(90));
        var now = (await app.Client.GetJsonAsync($"/v1/credit-accounts/{account}/balance")).Body!;

        Assert.Equal((0L, 0), (before.Num("balance"), before["grants"]!.AsArray().Count));
        Assert.Equal(100, granted.Num("balance"));
        Assert.Equal([(first, 100L)], granted["grants"]!.AsArray().Select(g => (g.Str("id"), g.Num("remaining"))));
        Assert.Equal(70, spent.Num("balance"));
        Assert.Equal([(first, 70L)], spent["grants"]!.AsArray().Select(g => (g.Str("id"), g.Num("remaining"))));
        Assert.Equal(120, now.Num("balance"));
        Assert.Equal([second, first], now["grants"]!.AsArray().Select(g => g.Str("id"))); // spending order: expiring first
        Assert.Equal((await app.Client.GetJsonAsync($"/v1/credit-accounts/{account}")).Body.Num("balance"), now.Num("balance"));
        Assert.True(spent.Num("entriesRead") < before.Num("entriesRead")); // a later instant walks fewer entries
        Assert.Equal(400, (await app.Client.GetJsonAsync($"/v1/credit-accounts/{account}/balance?asOf={Uri.EscapeDataString(clock.GetUtcNow().AddDays(1).ToString("O", CultureInfo.InvariantCulture))}")).Status);
    }

    [Fact]
    public async Task Another_organization_reads_neither_burn_nor_balance()
    {
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        var scenario = await Scenario.CreateAsync(app.Client);
        await scenario.GrantAsync(app.Client, 100);
        var account = (await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId)).Body!["accounts"]![0].Str("id");
        using var other = await app.SecondOrganizationAsync();

        Assert.Equal(404, (await other.GetJsonAsync($"/v1/credit-accounts/{account}/balance")).Status);
        Assert.Equal(404, (await other.GetJsonAsync($"/v1/usage/burn-rate?customerId={scenario.CustomerId}&creditCurrencyId={scenario.CurrencyId}")).Status);
    }

    internal static async Task<string> FeatureAsync(HttpClient client, string currencyId, string name)
    {
        var slug = name + "-" + Guid.NewGuid().ToString("N")[..6];
        var (status, body) = await client.PostAsync("/v1/features", new { slug, name, creditCosts = new[] { new { creditCurrencyId = currencyId, costPerUnit = 10 } } });
        Scenario.Ensure(status, 201, body);
        return slug;
    }

    /// <summary>Consumes synchronously (a reservation committed in full), so the ledger entry carries the clock's time.</summary>
    internal static async Task SpendAsync(HttpClient client, Scenario scenario, string featureSlug, int quantity)
    {
        var (status, hold) = await client.PostAsync("/v1/reservations", new { customerId = scenario.CustomerId, featureSlug, quantity });
        Scenario.Ensure(status, 201, hold);
        var (committed, body) = await client.PostAsync($"/v1/reservations/{hold.Str("id")}/commit", new { });
        Scenario.Ensure(committed, 200, body);
    }
}
