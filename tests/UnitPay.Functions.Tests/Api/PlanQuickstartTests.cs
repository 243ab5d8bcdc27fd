using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Api;

/// <summary>The seed quickstart, with the credits coming from a plan instead of a manual grant.</summary>
public sealed class PlanQuickstartTests
{
    [Fact]
    public async Task A_free_plan_of_100_credits_a_month_then_10_credits_tracked_leaves_90()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 10);

        var (planStatus, plan) = await app.Client.PostAsync("/v1/plans", new
        {
            name = "Free",
            price = new { amount = 0, currency = "usd", interval = "month" },
            creditGrantRules = new[] { new { creditCurrencyId = scenario.CurrencyId, amount = 100, cadence = "per_cycle" } },
        });
        var (subscribeStatus, subscribed) = await app.Client.PostAsync("/v1/subscriptions", new { customerId = scenario.ExternalId, planId = plan.Str("id") });
        var (_, tracked) = await app.Client.PostAsync("/v1/usage/track", new { customerId = scenario.ExternalId, featureSlug = scenario.FeatureSlug, idempotencyKey = "req-1" });
        var eventId = tracked!["eventIds"]![0]!.GetValue<string>();
        await QuickstartTests.WaitAppliedAsync(app, scenario, eventId);

        Assert.Equal((201, 201), (planStatus, subscribeStatus));
        Assert.Equal("created_no_charge", subscribed.Str("kind"));
        var subscription = subscribed!["subscription"]!;
        Assert.Equal((scenario.CustomerId, "active"), (subscription.Str("customerId"), subscription.Str("status")));

        var (_, ledger) = await app.Client.GetJsonAsync("/v1/credit-ledger?customerId=" + scenario.ExternalId);
        var entries = ledger!["entries"]!.AsArray();
        Assert.Equal(2, entries.Count);
        Assert.Equal(("DEBIT", "USAGE_DEDUCTION", 10L, 100L, 90L), (entries[0].Str("type"), entries[0].Str("reason"), entries[0].Num("amount"), entries[0].Num("balanceBefore"), entries[0].Num("balanceAfter")));
        Assert.Equal(("CREDIT", "GRANT", 100L, 0L, 100L), (entries[1].Str("type"), entries[1].Str("reason"), entries[1].Num("amount"), entries[1].Num("balanceBefore"), entries[1].Num("balanceAfter")));
        Assert.Equal(eventId, entries[0].Str("eventId"));

        var (_, accounts) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId);
        var account = accounts!["accounts"]!.AsArray().Single()!;
        Assert.Equal(90, account.Num("balance"));
        var grant = account["grants"]!.AsArray().Single()!;
        Assert.Equal(("plan", 10L, 90L), (grant.Str("source"), grant.Num("priority"), grant.Num("remaining")));
        Assert.Equal(entries[1].Str("grantId"), grant.Str("id"));
        Assert.Equal(subscription["currentPeriodEnd"]!.GetValue<DateTimeOffset>(), grant["expiresAt"]!.GetValue<DateTimeOffset>());
    }
}
