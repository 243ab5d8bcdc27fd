using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Api;

/// <summary>Plans and subscriptions over HTTP: validation, tenancy, paid plans and their invoice lines, Idempotency-Key.</summary>
public sealed class PlanAndSubscriptionApiTests
{
    private static readonly Dictionary<string, string?> NoTriggers = new() { ["UNITPAY_LOCAL_TRIGGERS"] = "false" };

    private static object FreePlan(string currencyId) => new
    {
        name = "Free",
        price = new { amount = 0, interval = "month" },
        creditGrantRules = new[] { new { creditCurrencyId = currencyId, amount = 100, cadence = "per_cycle" } },
    };

    private static object PaidPlan(string currencyId) => new
    {
        name = "Pro",
        price = new { amount = 2900, currency = "usd", interval = "month" },
        creditGrantRules = new[] { new { creditCurrencyId = currencyId, amount = 1000, cadence = "per_cycle" } },
    };

    private static async Task<string> PlanAsync(HttpClient client, object plan)
    {
        var (status, body) = await client.PostAsync("/v1/plans", plan);
        Scenario.Ensure(status, 201, body);
        return body.Str("id");
    }

    [Fact]
    public async Task A_plan_with_bad_fields_is_400_naming_every_bad_field_and_nothing_is_stored()
    {
        await using var app = await TestApp.StartAsync(settings: NoTriggers);
        var scenario = await Scenario.CreateAsync(app.Client);

        var (status, problem) = await app.Client.PostAsync("/v1/plans", new
        {
            name = "",
            price = new { amount = -1, currency = "euros", interval = "week" },
            creditGrantRules = new object[]
            {
                new { creditCurrencyId = "ccur_nosuchcurrency0000000000", amount = 0, cadence = "hourly" },
                new { creditCurrencyId = scenario.CurrencyId, amount = 10, cadence = "per_cycle", priority = 5000, rollover = new { percentage = 101, maxCount = 0 } },
                new { creditCurrencyId = scenario.CurrencyId, amount = 10, cadence = "daily", rollover = new { percentage = 50 } },
                new { creditCurrencyId = scenario.CurrencyId, amount = 10, cadence = "per_cycle", expiresAfter = "P1M", rollover = new { percentage = 50 } },
                new { creditCurrencyId = scenario.CurrencyId, amount = 10, cadence = "once", expiresAfter = "30 days" },
            },
        });

        Assert.Equal((400, "VALIDATION_FAILED"), (status, problem.Str("code")));
        Assert.Equal(
            [
                "creditGrantRules[0].amount", "creditGrantRules[0].cadence", "creditGrantRules[0].creditCurrencyId",
                "creditGrantRules[1].priority", "creditGrantRules[1].rollover.maxCount", "creditGrantRules[1].rollover.percentage",
                "creditGrantRules[2].rollover", "creditGrantRules[3].rollover", "creditGrantRules[4].expiresAfter",
                "name", "price.amount", "price.currency", "price.interval",
            ],
            problem!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Empty((await app.Client.GetJsonAsync("/v1/plans")).Body!["plans"]!.AsArray());
        Assert.Equal(400, (await app.Client.PostAsync("/v1/plans", new { name = "No price" })).Status);
        Assert.Equal(400, (await app.Client.PostAsync("/v1/plans", new { name = "Paid", price = new { amount = 100, interval = "month" } })).Status); // a price needs a currency
        Assert.Equal(400, (await app.Client.PostRawAsync("/v1/plans", """{"name":"x","price":{"amount":1.5,"currency":"usd","interval":"month"}}""")).Status);
    }

    [Fact]
    public async Task A_plan_is_stored_with_defaults_resolved_and_read_back()
    {
        await using var app = await TestApp.StartAsync(settings: NoTriggers);
        var scenario = await Scenario.CreateAsync(app.Client);

        var (status, created) = await app.Client.PostAsync("/v1/plans", new
        {
            name = "Pro",
            price = new { amount = 2900, currency = "USD", interval = "year" },
            creditGrantRules = new object[]
            {
                new { creditCurrencyId = scenario.CurrencyId, amount = 1000, cadence = "per_cycle", rollover = new { percentage = 75, expiresAfter = "P7D" } },
                new { creditCurrencyId = scenario.CurrencyId, amount = 5, cadence = "daily" },
                new { creditCurrencyId = scenario.CurrencyId, amount = 50, cadence = "once", priority = 40, expiresAfter = "P2W" },
            },
        });
        var (_, read) = await app.Client.GetJsonAsync("/v1/plans/" + created.Str("id"));
        var (_, listed) = await app.Client.GetJsonAsync("/v1/plans");

        Assert.Equal(201, status);
        Assert.Equal(created!.ToJsonString(), read!.ToJsonString());
        Assert.Equal(created.Str("id"), Assert.Single(listed!["plans"]!.AsArray())!.Str("id"));
        Assert.Equal((2900L, "usd", "year"), (read["price"].Num("amount"), read["price"].Str("currency"), read["price"].Str("interval")));
        Assert.Equal(["amount", "currency", "interval"], read["price"]!.AsObject().Select(p => p.Key));
        var rules = read["creditGrantRules"]!.AsArray();
        Assert.Equal(("per_cycle", 10L, 75L, 1L, "P7D"), (rules[0].Str("cadence"), rules[0].Num("priority"), rules[0]!["rollover"].Num("percentage"), rules[0]!["rollover"].Num("maxCount"), rules[0]!["rollover"].Str("expiresAfter")));
        Assert.Equal(("daily", 0L), (rules[1].Str("cadence"), rules[1].Num("priority")));
        Assert.Equal(("once", 40L, "P2W"), (rules[2].Str("cadence"), rules[2].Num("priority"), rules[2].Str("expiresAfter")));
    }

    [Fact]
    public async Task Unknown_and_other_organizations_plans_and_subscriptions_are_404_and_bad_subscribes_are_400()
    {
        await using var app = await TestApp.StartAsync(settings: NoTriggers);
        var scenario = await Scenario.CreateAsync(app.Client);
        var planId = await PlanAsync(app.Client, FreePlan(scenario.CurrencyId));
        var (_, subscribed) = await app.Client.PostAsync("/v1/subscriptions", new { customerId = scenario.CustomerId, planId });
        var subscriptionId = subscribed!["subscription"].Str("id");
        using var other = await app.SecondOrganizationAsync();

        Assert.Equal(404, (await other.GetJsonAsync("/v1/plans/" + planId)).Status);
        Assert.Empty((await other.GetJsonAsync("/v1/plans")).Body!["plans"]!.AsArray());
        Assert.Equal(404, (await other.GetJsonAsync("/v1/subscriptions/" + subscriptionId)).Status);
        Assert.Equal(404, (await other.PostAsync($"/v1/subscriptions/{subscriptionId}/cancel", new { })).Status);
        Assert.Equal(404, (await other.PostAsync("/v1/subscriptions", new { customerId = scenario.CustomerId, planId })).Status);
        Assert.Equal(404, (await other.GetJsonAsync("/v1/subscriptions?customerId=" + scenario.CustomerId)).Status);
        Assert.Equal(404, (await other.GetJsonAsync("/v1/invoice-lines?customerId=" + scenario.CustomerId)).Status);
        Assert.Equal(404, (await app.Client.GetJsonAsync("/v1/plans/plan_nosuchplan000000000000000")).Status);
        Assert.Equal(404, (await app.Client.PostAsync("/v1/subscriptions", new { customerId = scenario.CustomerId, planId = "plan_nosuchplan000000000000000" })).Status);
        Assert.Equal(404, (await app.Client.PostAsync("/v1/subscriptions", new { customerId = "nobody", planId })).Status);
        Assert.Equal(404, (await app.Client.PostAsync("/v1/subscriptions/sub_nosuchsubscription0000000/cancel", new { })).Status);

        var (status, problem) = await app.Client.PostAsync("/v1/subscriptions", new { });
        Assert.Equal((400, "VALIDATION_FAILED"), (status, problem.Str("code")));
        Assert.Equal(["customerId", "planId"], problem!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));

        // The first organization still has its one subscription and one grant.
        Assert.Single((await app.Client.GetJsonAsync("/v1/subscriptions?customerId=" + scenario.ExternalId)).Body!["subscriptions"]!.AsArray());
        Assert.Single((await app.Client.GetJsonAsync("/v1/credit-ledger?customerId=" + scenario.CustomerId)).Body!["entries"]!.AsArray());
    }

    [Fact]
    public async Task A_paid_plan_for_a_card_customer_without_a_payment_method_is_402_and_creates_nothing()
    {
        await using var app = await TestApp.StartAsync(settings: NoTriggers);
        var scenario = await Scenario.CreateAsync(app.Client); // charge_automatically, the default
        var planId = await PlanAsync(app.Client, PaidPlan(scenario.CurrencyId));

        var (status, problem) = await app.Client.PostAsync("/v1/subscriptions", new { customerId = scenario.CustomerId, planId });

        Assert.Equal((402, "TOPUP_REQUIRES_PM"), (status, problem.Str("code")));
        Assert.Contains("payment-methods/setup", problem.Str("detail"), StringComparison.Ordinal); // how to get one, or forceForm
        Assert.Empty((await app.Client.GetJsonAsync("/v1/subscriptions?customerId=" + scenario.CustomerId)).Body!["subscriptions"]!.AsArray());
        Assert.Empty((await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId)).Body!["accounts"]!.AsArray());
        Assert.Empty((await app.Client.GetJsonAsync("/v1/invoice-lines?customerId=" + scenario.CustomerId)).Body!["invoiceLines"]!.AsArray());
    }

    [Fact]
    public async Task A_paid_plan_for_an_invoiced_customer_adds_an_invoice_line_per_cycle_and_grants()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 31, 9, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(services => services.AddSingleton<TimeProvider>(clock), QuietTimers.Settings());
        var scenario = await Scenario.CreateAsync(app.Client);
        var (_, customer) = await app.Client.PostAsync("/v1/customers", new { name = "Invoiced Ltd", externalId = "acct-9", collectionMethod = "send_invoice" });
        var planId = await PlanAsync(app.Client, PaidPlan(scenario.CurrencyId));

        var (status, subscribed) = await app.Client.PostAsync("/v1/subscriptions", new { customerId = "acct-9", planId });
        clock.MoveTo(new DateTimeOffset(2026, 2, 28, 9, 0, 0, TimeSpan.Zero)); // Jan 31 renews on Feb 28, then Mar 31
        var run = (UnitPay.Core.Subscriptions.CycleRunSummary)(await app.RunTimerAsync("GrantCyclesTimer"))!;

        Assert.Equal((201, 0), (status, run.Failed));
        Assert.Equal(("invoice_added", "send_invoice"), (subscribed.Str("kind"), subscribed!["subscription"].Str("collectionMethod")));
        Assert.Equal("send_invoice", (await app.Client.GetJsonAsync("/v1/customers/acct-9")).Body.Str("collectionMethod"));
        var lines = (await app.Client.GetJsonAsync("/v1/invoice-lines?customerId=acct-9")).Body!["invoiceLines"]!.AsArray();
        Assert.Equal(
            [
                (2900L, "usd", "2026-01-31T09:00:00+00:00", "2026-02-28T09:00:00+00:00"),
                (2900L, "usd", "2026-02-28T09:00:00+00:00", "2026-03-31T09:00:00+00:00"),
            ],
            lines.Select(l => (l.Num("amount"), l.Str("currency"), Iso(l!["periodStart"]), Iso(l!["periodEnd"]))));
        Assert.All(lines, l => Assert.Equal(subscribed!["subscription"].Str("id"), l.Str("sourceRef")));
        var account = (await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + customer.Str("id"))).Body!["accounts"]![0]!;
        Assert.Equal(1000, account.Num("balance")); // the new cycle's 1000; the first cycle's expired at its end
    }

    [Fact]
    public async Task Subscribe_honours_Idempotency_Key_and_cancel_cannot_be_done_twice()
    {
        await using var app = await TestApp.StartAsync(settings: NoTriggers);
        var scenario = await Scenario.CreateAsync(app.Client);
        var planId = await PlanAsync(app.Client, FreePlan(scenario.CurrencyId));
        var body = new { customerId = scenario.CustomerId, planId };

        var (firstStatus, first) = await app.Client.PostAsync("/v1/subscriptions", body, idempotencyKey: "sub-1");
        var (againStatus, again) = await app.Client.PostAsync("/v1/subscriptions", body, idempotencyKey: "sub-1");
        var (reusedStatus, reused) = await app.Client.PostAsync("/v1/subscriptions", new { customerId = scenario.ExternalId, planId }, idempotencyKey: "sub-1");
        var id = first!["subscription"].Str("id");
        var (cancelStatus, _) = await app.Client.PostAsync($"/v1/subscriptions/{id}/cancel", new { }, idempotencyKey: "cancel-1");
        var (replayStatus, _) = await app.Client.PostAsync($"/v1/subscriptions/{id}/cancel", new { }, idempotencyKey: "cancel-1");
        var (twiceStatus, twice) = await app.Client.PostAsync($"/v1/subscriptions/{id}/cancel", new { });

        Assert.Equal((201, 201), (firstStatus, againStatus));
        Assert.Equal(first.ToJsonString(), again!.ToJsonString());
        Assert.Equal((409, "IDEMPOTENCY_KEY_REUSED"), (reusedStatus, reused.Str("code")));
        Assert.Equal((200, 200), (cancelStatus, replayStatus));
        Assert.Equal((409, "CONFLICT"), (twiceStatus, twice.Str("code")));
        Assert.Single((await app.Client.GetJsonAsync("/v1/subscriptions?customerId=" + scenario.CustomerId)).Body!["subscriptions"]!.AsArray());
        Assert.Single((await app.Client.GetJsonAsync("/v1/credit-ledger?customerId=" + scenario.CustomerId)).Body!["entries"]!.AsArray());
    }

    private static string Iso(JsonNode? node) => node!.GetValue<DateTimeOffset>().ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
