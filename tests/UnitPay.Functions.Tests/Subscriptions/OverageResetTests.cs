using UnitPay.Core.Ledger;
using UnitPay.Core.Plans;
using UnitPay.Core.Subscriptions;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Subscriptions;

/// <summary>Each overage behavior over a cycle reset driven by GrantCyclesTimer, against Azurite.</summary>
public sealed class OverageResetTests
{
    [Theory]
    [InlineData("forgive_at_reset")]
    [InlineData("invoice_at_billing")]
    [InlineData("carry_deficit")]
    public async Task A_deficit_is_settled_at_the_cycle_reset_as_the_currency_says_and_only_once(string behavior)
    {
        await using var cycles = await CycleApp.StartAsync();
        var (scenario, planId, _) = await SubscribeWithOverageAsync(cycles, behavior, new { amount = 2, currency = "usd" });

        // Month 1: 130 used against a plan grant of 100: 30 of deficit.
        await cycles.TrackAsync(scenario, 130);
        var account = await cycles.AccountAsync(scenario);
        Assert.Equal((-30L, 30L), (account.Num("balance"), account.Num("deficit")));

        await cycles.MoveToAndRunAsync(CycleApp.Month(1));
        var walletId = account.Str("id");
        var ledger = await cycles.LedgerAsync(walletId);
        var reset = ledger.Skip(2).Select(e => (LedgerNames.ToWire(e.Type), LedgerNames.ToWire(e.Reason), e.Amount, e.BalanceBefore, e.BalanceAfter)).ToList();
        (string, string, long, long, long)[] expected = behavior switch
        {
            "forgive_at_reset" => [("ADJUSTMENT", "OVERAGE_FORGIVEN", 30, -30, 0), ("CREDIT", "GRANT", 100, 0, 100)],
            "invoice_at_billing" => [("ADJUSTMENT", "OVERAGE_INVOICED", 30, -30, 0), ("CREDIT", "GRANT", 100, 0, 100)],
            _ => [("CREDIT", "GRANT", 100, -30, 70), ("ADJUSTMENT", "DEFICIT_REPAID", 30, 70, 70)],
        };
        Assert.Equal(expected, reset);
        account = await cycles.AccountAsync(scenario);
        Assert.Equal((behavior == "carry_deficit" ? 70L : 100L, 0L), (account.Num("balance"), account.Num("deficit")));

        var (_, lines) = await cycles.Client.GetJsonAsync("/v1/invoice-lines?customerId=" + scenario.CustomerId);
        var overageLines = lines!["invoiceLines"]!.AsArray().Where(l => l!["credits"] is not null).ToList();
        if (behavior == "invoice_at_billing")
        {
            var line = Assert.Single(overageLines)!;
            Assert.Equal((60L, "usd", 30L), (line.Num("amount"), line.Str("currency"), line.Num("credits")));
            Assert.Equal(line.Str("id"), ledger[2].Metadata!["invoiceLineId"]);
        }
        else
        {
            Assert.Empty(overageLines);
        }

        // New usage runs a new deficit of 20; then the same reset is applied again (a re-run, by a second instance):
        // it neither settles the new deficit nor bills anything again.
        await cycles.TrackAsync(scenario, behavior == "carry_deficit" ? 90 : 120);
        var orgId = await cycles.OrgIdAsync();
        var subscription = (await cycles.App.Service<SubscriptionStore>().ListByCustomerAsync(orgId, scenario.CustomerId, CancellationToken.None)).Single();
        var plan = (await cycles.App.Service<PlanStore>().GetAsync(orgId, planId, CancellationToken.None))!;
        var rewound = subscription with { CurrentPeriodStart = CycleApp.Start, CurrentPeriodEnd = CycleApp.Month(1) };
        var step = Assert.Single(SubscriptionSteps.At(orgId, rewound, plan, CycleApp.Month(1)).Wallets);
        var before = await cycles.LedgerAsync(walletId);
        await cycles.SecondInstance().ApplyWalletStepAsync(step, CancellationToken.None);
        Assert.Equal(before.Count, (await cycles.LedgerAsync(walletId)).Count);
        Assert.Equal(20, (await cycles.AccountAsync(scenario)).Num("deficit"));
        var (_, linesAgain) = await cycles.Client.GetJsonAsync("/v1/invoice-lines?customerId=" + scenario.CustomerId);
        Assert.Equal(lines["invoiceLines"]!.AsArray().Count, linesAgain!["invoiceLines"]!.AsArray().Count);

        // The next reset settles the new deficit.
        await cycles.MoveToAndRunAsync(CycleApp.Month(2));
        Assert.Equal(behavior == "carry_deficit" ? 80L : 100L, (await cycles.AccountAsync(scenario)).Num("balance"));
        await cycles.AssertLedgerAddsUpAsync(walletId);
    }

    [Theory]
    [InlineData("forgive_at_reset")]
    [InlineData("invoice_at_billing")]
    public async Task The_reset_at_a_subscriptions_end_settles_once_even_when_re_run_after_new_usage(string behavior)
    {
        await using var cycles = await CycleApp.StartAsync();
        var (scenario, planId, subscriptionId) = await SubscribeWithOverageAsync(cycles, behavior, new { amount = 3, currency = "eur" });
        await cycles.TrackAsync(scenario, 130);
        var (cancel, _) = await cycles.Client.PostAsync($"/v1/subscriptions/{subscriptionId}/cancel", new { });
        Assert.Equal(200, cancel);

        // The subscription ends at the cycle's end: its last reset settles the 30 and grants nothing new.
        await cycles.MoveToAndRunAsync(CycleApp.Month(1));
        var account = await cycles.AccountAsync(scenario);
        Assert.Equal((0L, 0L), (account.Num("balance"), account.Num("deficit")));

        // Credits from elsewhere, then a new deficit of 20; then the end step again, as a second instance would.
        await scenario.GrantAsync(cycles.Client, 200);
        await cycles.TrackAsync(scenario, 220);
        var orgId = await cycles.OrgIdAsync();
        var ended = (await cycles.App.Service<SubscriptionStore>().ReadAsync(orgId, subscriptionId, CancellationToken.None))!.Value.Subscription;
        var plan = (await cycles.App.Service<PlanStore>().GetAsync(orgId, planId, CancellationToken.None))!;
        var step = Assert.Single(SubscriptionSteps.At(orgId, ended, plan, CycleApp.Month(1)).Wallets);
        Assert.True(step.EndsSubscription && step.NewGrants.Count == 0);
        var walletId = account.Str("id");
        var before = await cycles.LedgerAsync(walletId);
        await cycles.SecondInstance().ApplyWalletStepAsync(step, CancellationToken.None);

        Assert.Equal(before.Count, (await cycles.LedgerAsync(walletId)).Count);
        Assert.Equal((-20L, 20L), ((await cycles.AccountAsync(scenario)).Num("balance"), (await cycles.AccountAsync(scenario)).Num("deficit")));
        var (_, lines) = await cycles.Client.GetJsonAsync("/v1/invoice-lines?customerId=" + scenario.CustomerId);
        var billed = lines!["invoiceLines"]!.AsArray().Where(l => l!["credits"] is not null).Select(l => (l.Num("credits"), l.Num("amount"), l.Str("currency"))).ToList();
        Assert.Equal(behavior == "invoice_at_billing" ? [(30L, 90L, "eur")] : [], billed);
        await cycles.AssertLedgerAddsUpAsync(walletId);
    }

    /// <summary>A currency that allows 50 of overage with <paramref name="behavior"/> (priced for invoicing), a free plan of 100 a month in it, and a subscribed customer.</summary>
    private static async Task<(Scenario Scenario, string PlanId, string SubscriptionId)> SubscribeWithOverageAsync(CycleApp cycles, string behavior, object price)
    {
        var overage = new
        {
            mode = "allow",
            overageLimit = 50,
            overageBehavior = behavior,
            overagePricePerUnit = behavior == "invoice_at_billing" ? price : null,
        };
        var scenario = await Scenario.CreateAsync(cycles.Client, costPerUnit: 1, overage: overage);
        var planId = await cycles.CreatePlanAsync(CycleApp.PerCyclePlan(scenario.CurrencyId, 100));
        var subscriptionId = (await cycles.SubscribeAsync(scenario.CustomerId, planId))["subscription"].Str("id");
        return (scenario, planId, subscriptionId);
    }
}
