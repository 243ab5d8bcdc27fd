using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Plans;
using UnitPay.Core.Subscriptions;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Tests.Subscriptions;

public sealed class CycleTransitionTests
{
    private const string Org = "org_1";
    private const string Currency = "ccur_1";
    private static readonly DateTimeOffset M0 = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset M1 = M0.AddMonths(1);
    private static readonly DateTimeOffset M2 = M0.AddMonths(2);

    private static Plan PlanWith(params CreditGrantRule[] rules) => new()
    {
        Id = "plan_1",
        Name = "Pro",
        Price = new PlanPrice { Amount = 0, Interval = BillingInterval.Month },
        CreditGrantRules = rules,
        CreatedAt = M0,
    };

    private static CreditGrantRule PerCycle(long amount, RolloverPolicy? rollover = null) =>
        new() { CreditCurrencyId = Currency, Amount = amount, Cadence = GrantCadence.PerCycle, Priority = 10, Rollover = rollover };

    private static Subscription Subscribed(DateTimeOffset? cancelAt = null) => new()
    {
        Id = "sub_1",
        CustomerId = "cus_1",
        PlanId = "plan_1",
        CollectionMethod = "charge_automatically",
        StartedAt = M0,
        Interval = BillingInterval.Month,
        CurrentPeriodStart = M0,
        CurrentPeriodEnd = M1,
        NextStepAt = M0,
        CancelAt = cancelAt,
        CreatedAt = M0,
    };

    private static WalletSession EmptyWallet() => new(
        new WalletHead { WalletId = WalletDirectory.WalletIdFor(Org, "cus_1", Currency), OrgId = Org, CustomerId = "cus_1", CurrencyId = Currency, CreatedAt = M0 },
        []);

    private static WalletCycleStep StepAt(Subscription subscription, Plan plan, DateTimeOffset at) =>
        Assert.Single(SubscriptionSteps.At(Org, subscription, plan, at).Wallets);

    /// <summary>Activation, then usage leaving <paramref name="left"/> of the first cycle's grant.</summary>
    private static (WalletSession Session, Grant First) ActivatedWith(Plan plan, long left, Subscription? subscription = null)
    {
        var session = EmptyWallet();
        var first = Assert.Single(CycleTransition.Apply(session, StepAt(subscription ?? Subscribed(), plan, M0), M0).Issued);
        var used = first.Amount - left;
        if (used > 0)
        {
            Assert.Equal(EventOutcomeStatus.Applied, session.Debit(new UsageCharge("evt_1", "chat", used, M0, used), M0).Status);
        }

        return (session, first);
    }

    private static (LedgerEntryType, LedgerReason, long, long, long, string?) Row(LedgerEntry e) =>
        (e.Type, e.Reason, e.Amount, e.BalanceBefore, e.BalanceAfter, e.GrantId);

    [Fact]
    public void Rollover_happens_before_expiry_200_unused_at_75_percent_roll_over_as_150_and_50_are_forfeited()
    {
        var plan = PlanWith(PerCycle(300, new RolloverPolicy { Percentage = 75, MaxCount = 2 }));
        var (session, first) = ActivatedWith(plan, left: 200);
        var entriesBefore = session.NewEntries.Count;

        var result = CycleTransition.Apply(session, StepAt(Subscribed(), plan, M1), M1);

        var rollover = result.Issued.Single(g => g.Source == GrantSource.Rollover);
        var second = result.Issued.Single(g => g.Source == GrantSource.Plan);
        Assert.Equal((150L, 50L), (result.RolledOver, result.Forfeited));
        Assert.Equal(
            [
                (LedgerEntryType.Expire, LedgerReason.Rollover, 150L, 200L, 50L, first.Id),
                (LedgerEntryType.Credit, LedgerReason.Rollover, 150L, 50L, 200L, rollover.Id),
                (LedgerEntryType.Expire, LedgerReason.RolloverForfeit, 50L, 200L, 150L, first.Id),
                (LedgerEntryType.Credit, LedgerReason.Grant, 300L, 150L, 450L, second.Id),
            ],
            session.NewEntries.Skip(entriesBefore).Select(Row));
        Assert.Equal((150L, 5, first.Id, 1, true, M1, M2), (rollover.Amount, rollover.Priority, rollover.ParentGrantId, rollover.RolloverCount, rollover.AwaitsRollover, rollover.EffectiveAt, rollover.ExpiresAt));
        Assert.Equal((GrantStatus.Expired, 0L), (session.Grants.Single(g => g.Id == first.Id).Status, session.Grants.Single(g => g.Id == first.Id).Remaining));
        Assert.Equal((M1, M2, true), (second.EffectiveAt, second.ExpiresAt, second.AwaitsRollover));
        Assert.Equal(450, session.Head.Balance);
    }

    [Fact]
    public void ExpireDue_leaves_a_grant_that_awaits_rollover_and_it_is_never_spent_past_its_expiry()
    {
        var plan = PlanWith(PerCycle(100, new RolloverPolicy { Percentage = 50, MaxCount = 1 }));
        var (session, first) = ActivatedWith(plan, left: 100);
        var later = M1.AddMinutes(3);

        Assert.Equal(0, session.ExpireDue(later));
        Assert.Equal(GrantStatus.Open, session.Grants.Single(g => g.Id == first.Id).Status);
        Assert.Equal(0, session.SpendableAt(later));
        var outcome = session.Debit(new UsageCharge("evt_2", "chat", 1, later, 1), later);
        Assert.Equal(("INSUFFICIENT_CREDITS", 100L), (outcome.Reason, session.Grants.Single(g => g.Id == first.Id).Remaining));
    }

    [Fact]
    public void A_grant_without_a_rollover_policy_expires_as_before()
    {
        var plan = PlanWith(PerCycle(100));
        var (session, first) = ActivatedWith(plan, left: 40);

        Assert.False(first.AwaitsRollover);
        Assert.Equal(1, session.ExpireDue(M1));
        Assert.Equal((LedgerEntryType.Expire, LedgerReason.Expiration, 40L, 40L, 0L, first.Id), Row(session.NewEntries[^1]));
    }

    [Fact]
    public void Applying_a_step_again_changes_nothing()
    {
        var plan = PlanWith(PerCycle(100, new RolloverPolicy { Percentage = 75, MaxCount = 2 }));
        var (session, _) = ActivatedWith(plan, left: 80);
        var step = StepAt(Subscribed(), plan, M1);
        var first = CycleTransition.Apply(session, step, M1);
        var entries = session.NewEntries.Count;

        var again = CycleTransition.Apply(session, step, M1.AddMinutes(1));

        Assert.Equal(entries, session.NewEntries.Count);
        Assert.Empty(again.Issued);
        Assert.Equal((0L, 0L), (again.RolledOver, again.Forfeited));
        Assert.Equal(first.Issued.Where(g => g.Source == GrantSource.Plan).Select(g => g.Id), again.AlreadyIssued);
    }

    [Fact]
    public void At_the_subscriptions_end_grants_awaiting_rollover_expire_and_nothing_is_issued()
    {
        var plan = PlanWith(PerCycle(100, new RolloverPolicy { Percentage = 75, MaxCount = 2 }));
        var cancelled = Subscribed(cancelAt: M1);
        var (session, first) = ActivatedWith(plan, left: 30, cancelled);
        var entriesBefore = session.NewEntries.Count;

        var result = CycleTransition.Apply(session, StepAt(cancelled, plan, M1), M1);

        Assert.Empty(result.Issued);
        Assert.Equal([(LedgerEntryType.Expire, LedgerReason.Expiration, 30L, 30L, 0L, first.Id)], session.NewEntries.Skip(entriesBefore).Select(Row));
        Assert.Null(SubscriptionSteps.NextAfter(cancelled, plan, M1));
    }

    [Fact]
    public void A_credit_rolls_over_at_most_maxCount_times_and_rollovers_round_down()
    {
        var plan = PlanWith(PerCycle(3, new RolloverPolicy { Percentage = 50, MaxCount = 1 }));
        var (session, _) = ActivatedWith(plan, left: 3);

        var result = CycleTransition.Apply(session, StepAt(Subscribed(), plan, M1), M1);

        var rollover = result.Issued.Single(g => g.Source == GrantSource.Rollover);
        Assert.Equal((1L, 2L), (result.RolledOver, result.Forfeited)); // 3 x 50% = 1.5, rounded down
        Assert.Equal((1, false), (rollover.RolloverCount, rollover.AwaitsRollover));
        Assert.Equal(1, session.ExpireDue(M2)); // it simply expires at the next boundary
    }

    [Fact]
    public void Grant_ids_derive_from_subscription_rule_and_instant_and_name_their_wallet()
    {
        var plan = PlanWith(PerCycle(100), new CreditGrantRule { CreditCurrencyId = Currency, Amount = 5, Cadence = GrantCadence.Daily, Priority = 0 });
        var step = StepAt(Subscribed(), plan, M0);
        var again = StepAt(Subscribed(), plan, M0);
        var nextDay = StepAt(Subscribed(), plan, BillingPeriods.NextMidnight(M0));

        Assert.Equal(step.NewGrants.Select(g => g.Id), again.NewGrants.Select(g => g.Id));
        Assert.Equal(2, step.NewGrants.Select(g => g.Id).Distinct().Count());
        Assert.DoesNotContain(Assert.Single(nextDay.NewGrants).Id, step.NewGrants.Select(g => g.Id));
        Assert.All(step.NewGrants, g => Assert.True(CreditAccountService.TryWalletOfGrant(g.Id, out var wallet) && wallet == step.WalletId));
        Assert.True(CreditAccountService.TryWalletOfGrant(CycleGrantIds.RolloverOf(step.NewGrants[0].Id), out var rolloverWallet) && rolloverWallet == step.WalletId);
    }

    [Fact]
    public void The_schedule_visits_activation_each_midnight_with_drips_each_renewal_and_the_end()
    {
        var plan = PlanWith(PerCycle(100), new CreditGrantRule { CreditCurrencyId = Currency, Amount = 5, Cadence = GrantCadence.Daily, Priority = 0 });
        var cancelled = Subscribed(cancelAt: M1);
        var instants = new List<DateTimeOffset>();
        for (DateTimeOffset? at = M0; at is { } t; at = SubscriptionSteps.NextAfter(cancelled, plan, t))
        {
            instants.Add(t);
        }

        // Jan 15 10:00 (activation), the midnights Jan 16 .. Feb 15, then Feb 15 10:00 (the end).
        Assert.Equal(33, instants.Count);
        Assert.Equal(M0, instants[0]);
        Assert.Equal(new DateTimeOffset(2026, 1, 16, 0, 0, 0, TimeSpan.Zero), instants[1]);
        Assert.Equal(new DateTimeOffset(2026, 2, 15, 0, 0, 0, TimeSpan.Zero), instants[^2]);
        Assert.Equal(M1, instants[^1]);
        var end = Assert.Single(SubscriptionSteps.At(Org, cancelled, plan, M1).Wallets); // the end only settles the last cycle's overage
        Assert.Equal((true, true, 0, 0), (end.EndsCycle, end.EndsSubscription, end.NewGrants.Count, end.Rollovers.Count));
        var drip = Assert.Single(StepAt(cancelled, plan, instants[^2]).NewGrants);
        Assert.Equal((GrantSource.Drip, 0, instants[^2].AddDays(1)), (drip.Source, drip.Priority, drip.ExpiresAt));
    }

    [Fact]
    public void Credits_held_by_a_reservation_stay_with_it_through_rollover_and_what_comes_back_later_expires()
    {
        var plan = PlanWith(PerCycle(100, new RolloverPolicy { Percentage = 50, MaxCount = 1 }));
        var (session, first) = ActivatedWith(plan, left: 100);
        var hold = new Reservations.Hold { Id = "hold_1", CustomerId = "cus_1", CreditCurrencyId = Currency, Amount = 40, Breakdown = [], ExpiresAt = M1.AddHours(1), CreatedAt = M0 };
        Assert.True(session.PlaceHold(hold, M0).IsSuccess);

        // Only the 60 free credits roll over (50%: 30) or are forfeited (30); the 40 held stay on the old grant.
        var result = CycleTransition.Apply(session, StepAt(Subscribed(), plan, M1), M1);
        Assert.Equal((30L, 30L), (result.RolledOver, result.Forfeited));
        var old = session.Grants.Single(g => g.Id == first.Id);
        Assert.Equal((GrantStatus.Open, 40L, 40L, false), (old.Status, old.Remaining, old.Held, old.AwaitsRollover));

        // The commit is paid from them in full; the 15 it gives back are past the grant's expiry, so they expire.
        var balance = session.Head.Balance;
        Assert.NotNull(session.CommitHold("hold_1", 25, M1.AddMinutes(5)));
        Assert.Equal(
            [(LedgerEntryType.Debit, LedgerReason.HoldCapture, 25L), (LedgerEntryType.Release, LedgerReason.HoldCapture, 15L), (LedgerEntryType.Expire, LedgerReason.Expiration, 15L)],
            session.NewEntries.TakeLast(3).Select(e => (e.Type, e.Reason, e.Amount)));
        Assert.Equal(balance - 40, session.Head.Balance);
        Assert.Equal(GrantStatus.Expired, session.Grants.Single(g => g.Id == first.Id).Status);
    }

    [Fact]
    public void A_hold_released_after_the_cycle_end_but_before_the_transition_gives_its_credits_back_to_the_rollover()
    {
        var plan = PlanWith(PerCycle(100, new RolloverPolicy { Percentage = 50, MaxCount = 1 }));
        var (session, first) = ActivatedWith(plan, left: 100);
        var hold = new Reservations.Hold { Id = "hold_1", CustomerId = "cus_1", CreditCurrencyId = Currency, Amount = 40, Breakdown = [], ExpiresAt = M1.AddMinutes(10), CreatedAt = M1.AddMinutes(-5) };
        Assert.True(session.PlaceHold(hold, M1.AddMinutes(-5)).IsSuccess);

        // The cycle has ended but the timer has not run yet: the release hands the 40 back to the grant awaiting rollover.
        Assert.NotNull(session.ReleaseHold("hold_1", M1.AddMinutes(1)));
        var waiting = session.Grants.Single(g => g.Id == first.Id);
        Assert.Equal((GrantStatus.Open, 100L, 0L, true), (waiting.Status, waiting.Remaining, waiting.Held, waiting.AwaitsRollover));

        var result = CycleTransition.Apply(session, StepAt(Subscribed(), plan, M1), M1.AddMinutes(2));
        Assert.Equal((50L, 50L), (result.RolledOver, result.Forfeited));
    }

    [Fact]
    public void A_grant_wholly_held_at_the_transition_stops_awaiting_rollover_and_what_its_hold_returns_expires()
    {
        var plan = PlanWith(PerCycle(100, new RolloverPolicy { Percentage = 50, MaxCount = 1 }));
        var (session, first) = ActivatedWith(plan, left: 100);
        var hold = new Reservations.Hold { Id = "hold_1", CustomerId = "cus_1", CreditCurrencyId = Currency, Amount = 100, Breakdown = [], ExpiresAt = M1.AddHours(1), CreatedAt = M0 };
        Assert.True(session.PlaceHold(hold, M0).IsSuccess);

        var result = CycleTransition.Apply(session, StepAt(Subscribed(), plan, M1), M1);
        Assert.Equal((0L, 0L), (result.RolledOver, result.Forfeited));
        Assert.False(session.Grants.Single(g => g.Id == first.Id).AwaitsRollover);

        Assert.NotNull(session.ReleaseHold("hold_1", M1.AddMinutes(1)));
        var entry = session.NewEntries[^1];
        Assert.Equal((LedgerEntryType.Expire, LedgerReason.Expiration, 100L), (entry.Type, entry.Reason, entry.Amount));
        Assert.Equal(GrantStatus.Expired, session.Grants.Single(g => g.Id == first.Id).Status);
    }
}
