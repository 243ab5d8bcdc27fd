using UnitPay.Core.Grants;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Subscriptions;

/// <summary>Three simulated months of a plan with rollover, against a table computed by hand.</summary>
public sealed class RolloverTests
{
    [Fact]
    public async Task Three_months_of_75_percent_rollover_at_most_twice_match_the_hand_computed_table()
    {
        await using var cycles = await CycleApp.StartAsync();
        var scenario = await Scenario.CreateAsync(cycles.Client, costPerUnit: 1);
        var planId = await cycles.CreatePlanAsync(CycleApp.PerCyclePlan(scenario.CurrencyId, 100, rollover: new { percentage = 75, maxCount = 2 }));
        await cycles.SubscribeAsync(scenario.CustomerId, planId);

        await cycles.TrackAsync(scenario, 20);                // month 1 uses 20 of P1
        await cycles.MoveToAndRunAsync(CycleApp.Month(1));
        await cycles.TrackAsync(scenario, 30);                // month 2 uses 30, all from R(P1): priority 5 is spent before 10
        await cycles.MoveToAndRunAsync(CycleApp.Month(2));
        await cycles.MoveToAndRunAsync(CycleApp.Month(3));    // month 3 uses nothing

        var walletId = (await cycles.AccountAsync(scenario)).Str("id");
        var grants = await cycles.GrantsAsync(walletId);
        var labels = CycleApp.Labels(grants, CycleApp.CycleName);
        Assert.Equal(
            [
                ("CREDIT", "GRANT", 100L, 0L, 100L, "P1"),
                ("DEBIT", "USAGE_DEDUCTION", 20L, 100L, 80L, "P1"),

                // Feb 15: P1 has 80 left; 75% (60) rolls over into R(P1), the other 20 are forfeited; P2 is issued.
                ("EXPIRE", "ROLLOVER", 60L, 80L, 20L, "P1"),
                ("CREDIT", "ROLLOVER", 60L, 20L, 80L, "R(P1)"),
                ("EXPIRE", "ROLLOVER_FORFEIT", 20L, 80L, 60L, "P1"),
                ("CREDIT", "GRANT", 100L, 60L, 160L, "P2"),
                ("DEBIT", "USAGE_DEDUCTION", 30L, 160L, 130L, "R(P1)"),

                // Mar 15: P2 (100 left) rolls 75 and forfeits 25; R(P1) (30 left) rolls 22 (22.5 rounded down), its
                // second and last rollover, and forfeits 8; P3 is issued.
                ("EXPIRE", "ROLLOVER", 75L, 130L, 55L, "P2"),
                ("CREDIT", "ROLLOVER", 75L, 55L, 130L, "R(P2)"),
                ("EXPIRE", "ROLLOVER_FORFEIT", 25L, 130L, 105L, "P2"),
                ("EXPIRE", "ROLLOVER", 22L, 105L, 83L, "R(P1)"),
                ("CREDIT", "ROLLOVER", 22L, 83L, 105L, "R(R(P1))"),
                ("EXPIRE", "ROLLOVER_FORFEIT", 8L, 105L, 97L, "R(P1)"),
                ("CREDIT", "GRANT", 100L, 97L, 197L, "P3"),

                // Apr 15: R(R(P1)) has rolled over twice, so it simply expires; P3 rolls 75 / forfeits 25; R(P2) rolls
                // 56 (56.25) / forfeits 19; P4 is issued.
                ("EXPIRE", "EXPIRATION", 22L, 197L, 175L, "R(R(P1))"),
                ("EXPIRE", "ROLLOVER", 75L, 175L, 100L, "P3"),
                ("CREDIT", "ROLLOVER", 75L, 100L, 175L, "R(P3)"),
                ("EXPIRE", "ROLLOVER_FORFEIT", 25L, 175L, 150L, "P3"),
                ("EXPIRE", "ROLLOVER", 56L, 150L, 94L, "R(P2)"),
                ("CREDIT", "ROLLOVER", 56L, 94L, 150L, "R(R(P2))"),
                ("EXPIRE", "ROLLOVER_FORFEIT", 19L, 150L, 131L, "R(P2)"),
                ("CREDIT", "GRANT", 100L, 131L, 231L, "P4"),
            ],
            (await cycles.LedgerAsync(walletId)).Select(e => CycleApp.Row(e, labels)));

        // label, source, amount, remaining, status, priority, rollover count, awaits rollover, expires (month)
        Assert.Equal(
            [
                ("P1", GrantSource.Plan, 100L, 0L, GrantStatus.Expired, 10, 0, true, 1),
                ("P2", GrantSource.Plan, 100L, 0L, GrantStatus.Expired, 10, 0, true, 2),
                ("P3", GrantSource.Plan, 100L, 0L, GrantStatus.Expired, 10, 0, true, 3),
                ("P4", GrantSource.Plan, 100L, 100L, GrantStatus.Open, 10, 0, true, 4),
                ("R(P1)", GrantSource.Rollover, 60L, 0L, GrantStatus.Expired, 5, 1, true, 2),
                ("R(P2)", GrantSource.Rollover, 75L, 0L, GrantStatus.Expired, 5, 1, true, 3),
                ("R(P3)", GrantSource.Rollover, 75L, 75L, GrantStatus.Open, 5, 1, true, 4),
                ("R(R(P1))", GrantSource.Rollover, 22L, 0L, GrantStatus.Expired, 5, 2, false, 3),
                ("R(R(P2))", GrantSource.Rollover, 56L, 56L, GrantStatus.Open, 5, 2, false, 4),
            ],
            grants
                .Select(g => (labels[g.Id], g.Source, g.Amount, g.Remaining, g.Status, g.Priority, g.RolloverCount, g.AwaitsRollover, Enumerable.Range(0, 6).Single(k => g.ExpiresAt == CycleApp.Month(k))))
                .OrderBy(g => g.Item1.Length).ThenBy(g => g.Item1, StringComparer.Ordinal));
        Assert.All(grants.Where(g => g.ParentGrantId is not null), g => Assert.Equal(grants.Single(p => p.Id == g.ParentGrantId).RolloverCount + 1, g.RolloverCount));

        var account = await cycles.AccountAsync(scenario);
        Assert.Equal(231, account.Num("balance"));
        await cycles.AssertLedgerAddsUpAsync(walletId);
    }
}
