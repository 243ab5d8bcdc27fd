using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Plans;
using UnitPay.Core.Subscriptions;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Subscriptions;

/// <summary>GrantCyclesTimer against Azurite: exactly once (re-runs, a re-run after the grant was used up, two instances), catch-up, cancellation, drips.</summary>
public sealed class GrantCyclesTimerTests
{
    private static object PerCycleAndDaily(string currencyId, int? rolloverPercentage = null, string? dailyCurrencyId = null) => new
    {
        name = "Pro",
        price = new { amount = 0, currency = "usd", interval = "month" },
        creditGrantRules = new object[]
        {
            new { creditCurrencyId = currencyId, amount = 100, cadence = "per_cycle", rollover = rolloverPercentage is { } p ? new { percentage = p, maxCount = 1 } : null },
            new { creditCurrencyId = dailyCurrencyId ?? currencyId, amount = 5, cadence = "daily" },
        },
    };

    /// <summary>Every grant appears once per (rule, instant) and has exactly one CREDIT entry.</summary>
    private static void AssertOneGrantPerRuleAndInstant(IReadOnlyList<Grant> grants, IReadOnlyList<LedgerEntry> ledger)
    {
        Assert.Equal(grants.Count, grants.Select(g => (g.SourceRef, g.EffectiveAt, g.Source, g.ParentGrantId)).Distinct().Count());
        var credits = ledger.Where(e => e.Type == LedgerEntryType.Credit).GroupBy(e => e.GrantId).ToDictionary(g => g.Key!, g => g.Count());
        Assert.All(grants, g => Assert.Equal(1, credits.GetValueOrDefault(g.Id)));
        Assert.Equal(grants.Count, credits.Count);
    }

    [Fact]
    public async Task Running_the_timer_twice_for_the_same_period_grants_once()
    {
        await using var cycles = await CycleApp.StartAsync();
        var scenario = await Scenario.CreateAsync(cycles.Client);
        await cycles.SubscribeAsync(scenario.CustomerId, await cycles.CreatePlanAsync(PerCycleAndDaily(scenario.CurrencyId)));

        var first = await cycles.MoveToAndRunAsync(CycleApp.Month(1));
        var walletId = (await cycles.AccountAsync(scenario)).Str("id");
        var ledger = await cycles.LedgerAsync(walletId);
        var second = await cycles.RunGrantCyclesAsync();

        // Jan 16 .. Feb 15 are 31 midnights, then the renewal at Feb 15 10:00.
        Assert.Equal((1, 32, 0), (first.Subscriptions, first.Steps, first.Failed));
        Assert.Equal((0, 0), (second.Steps, second.Failed));
        Assert.Equal(ledger.Count, (await cycles.LedgerAsync(walletId)).Count);
        var grants = await cycles.GrantsAsync(walletId);
        Assert.Equal(2, grants.Count(g => g.Source == GrantSource.Plan));
        Assert.Equal(1 + 31, grants.Count(g => g.Source == GrantSource.Drip)); // activation day, then each midnight
        AssertOneGrantPerRuleAndInstant(grants, await cycles.LedgerAsync(walletId));

        // Feb 15: P2 100 and today's drip 5 are open; everything before has expired.
        Assert.Equal(105, (await cycles.AccountAsync(scenario)).Num("balance"));
        await cycles.AssertLedgerAddsUpAsync(walletId);
    }

    [Fact]
    public async Task A_step_run_again_after_its_grant_was_used_up_is_refused_by_the_store_and_counts_as_applied()
    {
        await using var cycles = await CycleApp.StartAsync();
        var scenario = await Scenario.CreateAsync(cycles.Client, costPerUnit: 1);
        var planId = await cycles.CreatePlanAsync(CycleApp.PerCyclePlan(scenario.CurrencyId));
        var subscriptionId = (await cycles.SubscribeAsync(scenario.CustomerId, planId))["subscription"].Str("id");
        await cycles.MoveToAndRunAsync(CycleApp.Month(1));
        await cycles.TrackAsync(scenario, 100); // P2 is used up: it leaves the wallet's open grants
        var walletId = (await cycles.AccountAsync(scenario)).Str("id");
        var ledger = await cycles.LedgerAsync(walletId);

        // A crash between the wallet's commit and the subscription's advance: the subscription still says "Feb 15 to do".
        var orgId = await cycles.OrgIdAsync();
        var store = cycles.App.Service<SubscriptionStore>();
        var (advanced, etag) = (await store.ReadAsync(orgId, subscriptionId, CancellationToken.None))!.Value;
        var rewound = advanced with { NextStepAt = CycleApp.Month(1), CurrentPeriodStart = CycleApp.Start, CurrentPeriodEnd = CycleApp.Month(1) };
        Assert.NotNull(await store.TryReplaceAsync(orgId, rewound, etag, CancellationToken.None));
        var plan = (await cycles.App.Service<PlanStore>().GetAsync(orgId, planId, CancellationToken.None))!;
        var step = Assert.Single(SubscriptionSteps.At(orgId, rewound, plan, CycleApp.Month(1)).Wallets);

        var direct = await cycles.App.Service<SubscriptionCycles>().ApplyWalletStepAsync(step, CancellationToken.None);
        var run = await cycles.RunGrantCyclesAsync();

        Assert.Null(direct); // the store refused the second insert of P2: already applied
        Assert.Equal((1, 0), (run.Steps, run.Failed)); // the timer re-ran the step, found it applied, and moved on
        Assert.Equal(ledger.Select(e => (e.Sequence, e.Type, e.Reason, e.Amount)), (await cycles.LedgerAsync(walletId)).Select(e => (e.Sequence, e.Type, e.Reason, e.Amount)));
        Assert.Equal(0, (await cycles.AccountAsync(scenario)).Num("balance"));
        var subscription = (await store.ReadAsync(orgId, subscriptionId, CancellationToken.None))!.Value.Subscription;
        Assert.Equal((CycleApp.Month(2), CycleApp.Month(1), CycleApp.Month(2)), (subscription.NextStepAt, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd));
        Assert.Equal(2, (await cycles.GrantsAsync(walletId)).Count);
    }

    [Fact]
    public async Task Two_instances_running_the_timer_at_once_grant_once_per_subscription_rule_and_period()
    {
        await using var cycles = await CycleApp.StartAsync();
        var scenario = await Scenario.CreateAsync(cycles.Client);
        var (_, drips) = await cycles.Client.PostAsync("/v1/credit-currencies", new { name = "Daily credits", denomination = "unit" });
        var dripCurrency = drips.Str("id");
        var planId = await cycles.CreatePlanAsync(PerCycleAndDaily(scenario.CurrencyId, rolloverPercentage: 50, dailyCurrencyId: dripCurrency));
        var customers = new List<Scenario> { scenario };
        for (var i = 0; i < 2; i++)
        {
            var (_, customer) = await cycles.Client.PostAsync("/v1/customers", new { name = "Customer " + i });
            customers.Add(scenario with { CustomerId = customer.Str("id") });
        }

        foreach (var customer in customers)
        {
            await cycles.SubscribeAsync(customer.CustomerId, planId);
        }

        var app = cycles.App.Service<SubscriptionCycles>();
        var other = cycles.SecondInstance();
        foreach (var month in new[] { 1, 2 })
        {
            cycles.Clock.MoveTo(CycleApp.Month(month));
            var runs = await Task.WhenAll(app.RunDueAsync(CancellationToken.None), other.RunDueAsync(CancellationToken.None), app.RunDueAsync(CancellationToken.None));
            Assert.All(runs, r => Assert.Equal(0, r.Failed));
        }

        foreach (var customer in customers)
        {
            var credits = (await cycles.AccountAsync(customer)).Str("id");
            var daily = (await cycles.AccountAsync(customer, dripCurrency)).Str("id");
            var creditGrants = await cycles.GrantsAsync(credits);
            var dailyGrants = await cycles.GrantsAsync(daily);
            AssertOneGrantPerRuleAndInstant(creditGrants, await cycles.LedgerAsync(credits));
            AssertOneGrantPerRuleAndInstant(dailyGrants, await cycles.LedgerAsync(daily));

            // P1, P2, P3; R(P1) and R(P2) of 50 each (maxCount 1: R(P1) expired at Mar 15 instead of rolling again).
            Assert.Equal([CycleApp.Month(0), CycleApp.Month(1), CycleApp.Month(2)], creditGrants.Where(g => g.Source == GrantSource.Plan).Select(g => g.EffectiveAt).Order());
            Assert.Equal([50L, 50L], creditGrants.Where(g => g.Source == GrantSource.Rollover).Select(g => g.Amount));
            Assert.Equal(100 + 50, (await cycles.AccountAsync(customer)).Num("balance"));

            // Jan 15 (activation) and the 59 midnights Jan 16 .. Mar 15; only today's drip is open.
            Assert.Equal(60, dailyGrants.Count);
            Assert.Equal(5, (await cycles.AccountAsync(customer, dripCurrency)).Num("balance"));
            await cycles.AssertLedgerAddsUpAsync(credits);
            await cycles.AssertLedgerAddsUpAsync(daily);
        }
    }

    [Fact]
    public async Task A_timer_that_missed_three_cycles_catches_up_to_the_state_of_on_time_runs()
    {
        await using var onTime = await CycleApp.StartAsync();
        await using var late = await CycleApp.StartAsync();
        var end = CycleApp.Month(3).AddHours(1);
        var states = new List<(List<string> Grants, List<string> Ledger, long Balance)>();
        foreach (var cycles in new[] { onTime, late })
        {
            var scenario = await Scenario.CreateAsync(cycles.Client, costPerUnit: 1);
            var planId = await cycles.CreatePlanAsync(new
            {
                name = "Pro",
                price = new { amount = 0, interval = "month" },
                creditGrantRules = new object[]
                {
                    new { creditCurrencyId = scenario.CurrencyId, amount = 100, cadence = "per_cycle", rollover = new { percentage = 75, maxCount = 2 } },
                    new { creditCurrencyId = scenario.CurrencyId, amount = 5, cadence = "daily" },
                    new { creditCurrencyId = scenario.CurrencyId, amount = 50, cadence = "once", expiresAfter = "P45D" },
                },
            });
            var subscription = (await cycles.SubscribeAsync(scenario.CustomerId, planId))["subscription"]!;
            await cycles.TrackAsync(scenario, 20);
            if (cycles == onTime)
            {
                // Every instant of the schedule, when it comes: each midnight and each renewal.
                var runs = 0;
                for (var at = CycleApp.Start; at <= end;)
                {
                    var next = BillingPeriods.NextMidnight(at);
                    var renewal = BillingPeriods.NextBoundaryAfter(CycleApp.Start, BillingInterval.Month, at);
                    at = renewal < next ? renewal : next;
                    if (at <= end)
                    {
                        Assert.Equal(1, (await cycles.MoveToAndRunAsync(at)).Steps);
                        runs++;
                    }
                }

                Assert.Equal(16 + 28 + 31 + 15 + 3, runs); // the midnights Jan 16 .. Apr 15, and three renewals
                cycles.Clock.MoveTo(end);
            }
            else
            {
                var run = await cycles.MoveToAndRunAsync(end);
                Assert.Equal((1, 90 + 3, 0), (run.Subscriptions, run.Steps, run.Failed));
            }

            var walletId = (await cycles.AccountAsync(scenario)).Str("id");
            var grants = await cycles.GrantsAsync(walletId);
            var labels = CycleApp.Labels(grants, g => $"rule{g.SourceRef![(g.SourceRef!.IndexOf('/', StringComparison.Ordinal) + 1)..]}@{g.EffectiveAt:O}");
            states.Add((
                grants.Select(g => $"{labels[g.Id]} {g.Source} {g.Amount} {g.Remaining} {g.Status} {g.Priority} {g.ExpiresAt:O} {g.RolloverCount} {g.AwaitsRollover}").Order(StringComparer.Ordinal).ToList(),
                (await cycles.LedgerAsync(walletId)).Select(e => $"{e.Type} {e.Reason} {e.Amount} {string.Join("+", e.Breakdown.Select(d => labels[d.GrantId]))}").Order(StringComparer.Ordinal).ToList(),
                (await cycles.AccountAsync(scenario)).Num("balance")));
            await cycles.AssertLedgerAddsUpAsync(walletId);
            Assert.Equal(subscription.Str("id"), (await cycles.Client.GetJsonAsync("/v1/subscriptions/" + subscription.Str("id"))).Body.Str("id"));
        }

        Assert.Equal(states[0].Grants, states[1].Grants);
        Assert.Equal(states[0].Ledger, states[1].Ledger); // the same entries (a late run may close expiries in another order)
        // Apr 15 11:00: P4 100, R(P3) 75, R(R(P2)) 56 (as in the rollover table, with 20 used in January), and today's drip 5.
        Assert.Equal((231L + 5L, 231L + 5L), (states[0].Balance, states[1].Balance));
    }

    [Fact]
    public async Task A_cancelled_subscription_receives_no_grant_after_its_period_end()
    {
        await using var cycles = await CycleApp.StartAsync();
        var scenario = await Scenario.CreateAsync(cycles.Client);
        var subscriptionId = (await cycles.SubscribeAsync(scenario.CustomerId, await cycles.CreatePlanAsync(PerCycleAndDaily(scenario.CurrencyId, rolloverPercentage: 50))))["subscription"].Str("id");
        await cycles.MoveToAndRunAsync(new DateTimeOffset(2026, 1, 20, 12, 0, 0, TimeSpan.Zero));

        var (status, cancelled) = await cycles.Client.PostAsync($"/v1/subscriptions/{subscriptionId}/cancel", new { });
        var (againStatus, again) = await cycles.Client.PostAsync($"/v1/subscriptions/{subscriptionId}/cancel", new { });
        await cycles.MoveToAndRunAsync(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var rerun = await cycles.RunGrantCyclesAsync();

        Assert.Equal(200, status);
        Assert.Equal(("active", CycleApp.Month(1)), (cancelled.Str("status"), cancelled!["cancelAt"]!.GetValue<DateTimeOffset>()));
        Assert.Equal((409, "CONFLICT"), (againStatus, again.Str("code")));
        Assert.Equal(0, rerun.Subscriptions);
        var (_, ended) = await cycles.Client.GetJsonAsync("/v1/subscriptions/" + subscriptionId);
        Assert.Equal(("canceled", CycleApp.Month(1)), (ended.Str("status"), ended!["endedAt"]!.GetValue<DateTimeOffset>()));

        var walletId = (await cycles.AccountAsync(scenario)).Str("id");
        var grants = await cycles.GrantsAsync(walletId);
        Assert.All(grants, g => Assert.True(g.EffectiveAt < CycleApp.Month(1), $"{g.Source} grant issued at {g.EffectiveAt:O}, after the end"));
        Assert.Single(grants, g => g.Source == GrantSource.Plan);
        Assert.Equal(1 + 31, grants.Count(g => g.Source == GrantSource.Drip)); // Jan 15, then the midnights Jan 16 .. Feb 15
        var ledger = await cycles.LedgerAsync(walletId);
        Assert.DoesNotContain(ledger, e => e.Reason is LedgerReason.Rollover or LedgerReason.RolloverForfeit);
        var planGrant = grants.Single(g => g.Source == GrantSource.Plan);
        Assert.Contains(ledger, e => (e.Type, e.Reason, e.Amount, e.GrantId) == (LedgerEntryType.Expire, LedgerReason.Expiration, 100, planGrant.Id));
        Assert.Equal(0, (await cycles.AccountAsync(scenario)).Num("balance"));
        await cycles.AssertLedgerAddsUpAsync(walletId);
    }

    [Fact]
    public async Task A_cancel_after_a_boundary_the_timer_has_not_reached_keeps_the_cycle_that_began()
    {
        await using var cycles = await CycleApp.StartAsync();
        var scenario = await Scenario.CreateAsync(cycles.Client);
        var planId = await cycles.CreatePlanAsync(CycleApp.PerCyclePlan(scenario.CurrencyId));
        var subscriptionId = (await cycles.SubscribeAsync(scenario.CustomerId, planId))["subscription"].Str("id");
        cycles.Clock.MoveTo(CycleApp.Month(1).AddMinutes(5)); // Feb 15 10:05: the second cycle has begun; the timer is late

        var (_, cancelled) = await cycles.Client.PostAsync($"/v1/subscriptions/{subscriptionId}/cancel", new { });
        await cycles.MoveToAndRunAsync(CycleApp.Month(4));

        Assert.Equal(CycleApp.Month(2), cancelled!["cancelAt"]!.GetValue<DateTimeOffset>());
        var grants = await cycles.GrantsAsync((await cycles.AccountAsync(scenario)).Str("id"));
        Assert.Equal([CycleApp.Month(0), CycleApp.Month(1)], grants.Select(g => g.EffectiveAt).Order());
        Assert.Equal("canceled", (await cycles.Client.GetJsonAsync("/v1/subscriptions/" + subscriptionId)).Body.Str("status"));
    }

    [Fact]
    public async Task Daily_drips_are_issued_each_UTC_day_expire_at_its_end_and_are_spent_first()
    {
        await using var cycles = await CycleApp.StartAsync();
        var scenario = await Scenario.CreateAsync(cycles.Client, costPerUnit: 1);
        await cycles.SubscribeAsync(scenario.CustomerId, await cycles.CreatePlanAsync(PerCycleAndDaily(scenario.CurrencyId)));
        var walletId = (await cycles.AccountAsync(scenario)).Str("id");
        var jan16 = new DateTimeOffset(2026, 1, 16, 0, 0, 0, TimeSpan.Zero);

        var firstDrip = Assert.Single(await cycles.GrantsAsync(walletId), g => g.Source == GrantSource.Drip);
        await cycles.TrackAsync(scenario, 3);
        await cycles.MoveToAndRunAsync(jan16);
        await cycles.TrackAsync(scenario, 7);

        Assert.Equal((5L, 0, CycleApp.Start, jan16), (firstDrip.Amount, firstDrip.Priority, firstDrip.EffectiveAt, firstDrip.ExpiresAt));
        var grants = await cycles.GrantsAsync(walletId);
        var labels = CycleApp.Labels(grants, g => g.Source == GrantSource.Drip ? $"D{g.EffectiveAt.Day}" : "P");
        Assert.Equal(
            [
                ("CREDIT", "GRANT", 100L, 0L, 100L, "P"), // the plan's rules in order: per_cycle, then daily
                ("CREDIT", "GRANT", 5L, 100L, 105L, "D15"),
                ("DEBIT", "USAGE_DEDUCTION", 3L, 105L, 102L, "D15"),
                ("EXPIRE", "EXPIRATION", 2L, 102L, 100L, "D15"), // what was left of Jan 15's drip, at midnight
                ("CREDIT", "GRANT", 5L, 100L, 105L, "D16"),
                ("DEBIT", "USAGE_DEDUCTION", 7L, 105L, 98L, "D16+P"), // the drip (priority 0) first
            ],
            (await cycles.LedgerAsync(walletId)).Select(e => CycleApp.Row(e, labels)));
        Assert.Equal(98, (await cycles.AccountAsync(scenario)).Num("balance"));
    }

    [Fact]
    public async Task Neither_the_expiry_sweep_nor_usage_after_a_boundary_expires_a_grant_that_awaits_rollover()
    {
        await using var cycles = await CycleApp.StartAsync();
        var scenario = await Scenario.CreateAsync(cycles.Client, costPerUnit: 1);
        await cycles.SubscribeAsync(scenario.CustomerId, await cycles.CreatePlanAsync(CycleApp.PerCyclePlan(scenario.CurrencyId, rollover: new { percentage = 75, maxCount = 2 })));
        var manual = await scenario.GrantAsync(cycles.Client, 10, expiresAt: CycleApp.Month(1)); // listed for the sweep
        await cycles.TrackAsync(scenario, 20); // from the plan grant (priority 10 before the manual grant's 50)
        var walletId = manual.Str("creditAccountId");

        cycles.Clock.MoveTo(CycleApp.Month(1).AddMinutes(2)); // the boundary has passed; the cycle timer has not run
        await cycles.RunExpireGrantsAsync();
        var rejected = await cycles.TrackAsync(scenario, 1, expectApplied: false);
        var between = await cycles.AccountAsync(scenario);
        await cycles.RunGrantCyclesAsync();

        Assert.Equal("INSUFFICIENT_CREDITS", rejected.Str("reason")); // the old plan grant is past its expiry, the new one not issued yet
        Assert.Equal((0L, 0), (between.Num("balance"), between["grants"]!.AsArray().Count));
        var grants = await cycles.GrantsAsync(walletId);
        var labels = CycleApp.Labels(grants, g => g.Source == GrantSource.Manual ? "M" : CycleApp.CycleName(g));
        Assert.Equal(
            [
                ("CREDIT", "GRANT", 100L, 0L, 100L, "P1"),
                ("CREDIT", "GRANT", 10L, 100L, 110L, "M"),
                ("DEBIT", "USAGE_DEDUCTION", 20L, 110L, 90L, "P1"),
                ("EXPIRE", "EXPIRATION", 10L, 90L, 80L, "M"), // the sweep closed the manual grant, not the plan grant
                ("EXPIRE", "ROLLOVER", 60L, 80L, 20L, "P1"), // the rollover still reads P1's 80 left at the boundary
                ("CREDIT", "ROLLOVER", 60L, 20L, 80L, "R(P1)"),
                ("EXPIRE", "ROLLOVER_FORFEIT", 20L, 80L, 60L, "P1"),
                ("CREDIT", "GRANT", 100L, 60L, 160L, "P2"),
            ],
            (await cycles.LedgerAsync(walletId)).Select(e => CycleApp.Row(e, labels)));
    }
}
