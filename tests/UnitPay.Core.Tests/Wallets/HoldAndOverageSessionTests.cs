using CsCheck;
using UnitPay.Core.Catalog;
using UnitPay.Core.Deduction;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Reservations;
using UnitPay.Core.Results;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Tests.Wallets;

/// <summary>Holds (reserve, commit, release, expiry) and overage (deficit, settlement at reset) on the pure wallet session.</summary>
public sealed class HoldAndOverageSessionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private static WalletHead NewHead() => new() { WalletId = "cacc_w", OrgId = "org_1", CustomerId = "cus_1", CurrencyId = "ccur_1", CreatedAt = T0 };

    private static Grant NewGrant(string id, long amount, int priority = 10, DateTimeOffset? expires = null, DateTimeOffset? at = null) => new()
    {
        Id = id,
        Source = GrantSource.Manual,
        Amount = amount,
        Remaining = amount,
        Priority = priority,
        EffectiveAt = at ?? T0,
        ExpiresAt = expires,
        CreatedAt = at ?? T0,
    };

    private static Hold NewHold(string id, long amount, DateTimeOffset expiresAt, DateTimeOffset? at = null) => new()
    {
        Id = id,
        CustomerId = "cus_1",
        CreditCurrencyId = "ccur_1",
        Amount = amount,
        Breakdown = [],
        ExpiresAt = expiresAt,
        CreatedAt = at ?? T0,
    };

    /// <summary>The next transaction's session: what the store would load after the previous one committed.</summary>
    private static WalletSession Next(WalletSession s) => new(
        s.Head,
        s.Grants.Where(g => g.Status == GrantStatus.Open),
        s.Holds.Where(h => h.Status == HoldStatus.Held));

    private static UsageCharge Charge(string id, long amount, long overageLimit = 0, string? behavior = null) =>
        new(id, "chat", amount, T0, amount, overageLimit, behavior);

    [Fact]
    public void Reserve_50_of_100_then_commit_30_leaves_70_and_writes_hold_debit_release()
    {
        var s = new WalletSession(NewHead(), []);
        s.AddGrant(NewGrant("g1", 100), LedgerReason.Grant, T0);

        var hold = s.PlaceHold(NewHold("h1", 50, T0.AddMinutes(15)), T0);
        Assert.True(hold.IsSuccess);
        Assert.Equal((100L, 50L, 50L), (s.Head.Balance, s.Head.Reserved, s.Head.Available));
        Assert.Equal(50, s.SpendableAt(T0));

        // Usage of 60 cannot take what the hold protects.
        var rejected = s.Debit(Charge("evt_60", 60), T0);
        Assert.Equal(("INSUFFICIENT_CREDITS", 100L), (rejected.Reason, s.Head.Balance));

        s = Next(s);
        var committed = s.CommitHold("h1", 30, T0.AddMinutes(1));
        Assert.NotNull(committed);
        Assert.Equal((HoldStatus.Committed, 30L, 20L), (committed.Status, committed.CommittedAmount, committed.ReleasedAmount));
        Assert.Equal((70L, 0L, 70L), (s.Head.Balance, s.Head.Reserved, s.Head.Available));
        Assert.Equal(
            [(LedgerEntryType.Debit, LedgerReason.HoldCapture, 30L, 100L, 70L), (LedgerEntryType.Release, LedgerReason.HoldCapture, 20L, 70L, 70L)],
            s.NewEntries.Select(e => (e.Type, e.Reason, e.Amount, e.BalanceBefore, e.BalanceAfter)));
        Assert.Null(s.CommitHold("h1", 1, T0.AddMinutes(2))); // resolves at most once
        Assert.Null(s.ReleaseHold("h1", T0.AddMinutes(2)));
    }

    [Fact]
    public void A_commit_is_paid_in_full_even_when_the_grant_under_the_hold_expires_first()
    {
        var expires = T0.AddHours(1);
        var s = new WalletSession(NewHead(), []);
        s.AddGrant(NewGrant("drip", 40, priority: 0, expires: expires), LedgerReason.Grant, T0);
        s.AddGrant(NewGrant("plan", 100), LedgerReason.Grant, T0);
        Assert.True(s.PlaceHold(NewHold("h1", 60, T0.AddHours(2)), T0).IsSuccess);

        // The drip expires: only its free part goes; the 40 the hold took from it stay for the hold.
        var later = expires.AddMinutes(1);
        s = Next(s);
        s.ExpireDue(later);
        var drip = s.Grants.Single(g => g.Id == "drip");
        Assert.Equal((GrantStatus.Open, 40L, 40L), (drip.Status, drip.Remaining, drip.Held));
        Assert.Empty(s.NewEntries); // nothing free to expire on the drip

        // Other usage takes everything free; the commit is still covered in full.
        Assert.Equal(EventOutcomeStatus.Applied, s.Debit(Charge("evt_all", 80), later).Status);
        var committed = s.CommitHold("h1", 60, later);
        Assert.NotNull(committed);
        Assert.Equal((0L, 0L), (s.Head.Balance, s.Head.Reserved));
        Assert.Equal(GrantStatus.Expired, s.Grants.Single(g => g.Id == "drip").Status);
    }

    [Fact]
    public void A_partial_commit_on_an_expired_grant_expires_what_comes_back()
    {
        var s = new WalletSession(NewHead(), []);
        s.AddGrant(NewGrant("drip", 40, priority: 0, expires: T0.AddHours(1)), LedgerReason.Grant, T0);
        Assert.True(s.PlaceHold(NewHold("h1", 40, T0.AddHours(2)), T0).IsSuccess);
        s = Next(s);
        var later = T0.AddHours(1).AddMinutes(5);
        s.ExpireDue(later);
        Assert.NotNull(s.CommitHold("h1", 15, later));
        Assert.Equal(
            [(LedgerEntryType.Debit, 15L, 40L, 25L), (LedgerEntryType.Release, 25L, 25L, 25L), (LedgerEntryType.Expire, 25L, 25L, 0L)],
            s.NewEntries.Select(e => (e.Type, e.Amount, e.BalanceBefore, e.BalanceAfter)));
        Assert.Equal(GrantStatus.Expired, s.Grants.Single().Status);
    }

    [Fact]
    public void A_hold_past_its_ttl_is_released_as_expired_and_cannot_be_committed()
    {
        var s = new WalletSession(NewHead(), []);
        s.AddGrant(NewGrant("g1", 100), LedgerReason.Grant, T0);
        Assert.True(s.PlaceHold(NewHold("h1", 30, T0.AddMinutes(15)), T0).IsSuccess);
        s = Next(s);
        var late = T0.AddMinutes(15);
        Assert.Equal(1, s.ExpireDue(late));
        var entry = Assert.Single(s.NewEntries);
        Assert.Equal((LedgerEntryType.Release, LedgerReason.HoldExpired, 30L), (entry.Type, entry.Reason, entry.Amount));
        Assert.Equal((100L, 0L), (s.Head.Balance, s.Head.Reserved));
        Assert.Equal(HoldStatus.Expired, s.Holds.Single().Status);
        Assert.Null(s.CommitHold("h1", 30, late));
    }

    [Fact]
    public void An_expired_hold_spread_over_many_grants_is_still_released_and_does_not_block_the_expiries_after_it()
    {
        var s = new WalletSession(NewHead(), []);
        for (var i = 0; i < 60; i++)
        {
            s.AddGrant(NewGrant($"g{i:D2}", 1, expires: T0.AddHours(2)), LedgerReason.Grant, T0);
        }

        Assert.True(s.PlaceHold(NewHold("wide", 55, T0.AddMinutes(15)), T0).IsSuccess);
        Assert.Equal(55, s.Holds.Single().Breakdown.Count);

        // Past both the hold's ttl and the grants' expiry: a fresh transaction releases the wide hold even though it
        // needs more than the expiry budget, and the next ones close the grants.
        var late = T0.AddHours(3);
        var closedHolds = 0;
        for (var pass = 0; pass < 10 && s.Grants.Any(g => g.Status == GrantStatus.Open); pass++)
        {
            s = Next(s);
            s.ExpireDue(late);
            closedHolds += s.Holds.Count(h => h.Status == HoldStatus.Expired);
            Assert.True(s.OperationCount <= WalletStore.MaxOperationsPerTransaction);
        }

        Assert.Equal(1, closedHolds);
        Assert.All(s.Grants, g => Assert.Equal(GrantStatus.Expired, g.Status));
        Assert.Equal((0L, 0L), (s.Head.Balance, s.Head.Reserved));
    }

    [Fact]
    public void Reserving_more_than_available_fails_and_changes_nothing()
    {
        var s = new WalletSession(NewHead(), []);
        s.AddGrant(NewGrant("g1", 100), LedgerReason.Grant, T0);
        s.AddGrant(NewGrant("future", 500, at: T0.AddDays(1)), LedgerReason.Grant, T0);
        s = Next(s);
        var result = s.PlaceHold(NewHold("h1", 101, T0.AddMinutes(15)), T0);
        Assert.Equal(FailureCodes.InsufficientCredits, result.Failure?.Code);
        Assert.False(s.HeadChanged);
    }

    [Fact]
    public void Overage_lets_the_balance_go_negative_down_to_the_limit_and_never_below()
    {
        var s = new WalletSession(NewHead(), []);
        s.AddGrant(NewGrant("g1", 10), LedgerReason.Grant, T0);

        var first = s.Debit(Charge("evt_1", 25, 20, OveragePolicy.ForgiveAtReset), T0);
        Assert.Equal(EventOutcomeStatus.Applied, first.Status);
        Assert.Equal((-15L, 15L), (s.Head.Balance, s.Head.Deficit));
        Assert.Equal("15", s.NewEntries[^1].Metadata!["overage"]);
        Assert.Equal([new GrantDraw("g1", 10)], s.NewEntries[^1].Breakdown);

        Assert.Equal(EventOutcomeStatus.Applied, s.Debit(Charge("evt_2", 5, 20, OveragePolicy.ForgiveAtReset), T0).Status);
        var beyond = s.Debit(Charge("evt_3", 1, 20, OveragePolicy.ForgiveAtReset), T0);
        Assert.Equal(("INSUFFICIENT_CREDITS", -20L), (beyond.Reason, s.Head.Balance));
        Assert.Equal(EventOutcomeStatus.Rejected, s.Debit(Charge("evt_4", 1), T0).Status); // reject policy: no overage
    }

    [Theory]
    [InlineData(OveragePolicy.ForgiveAtReset, LedgerReason.OverageForgiven)]
    [InlineData(OveragePolicy.InvoiceAtBilling, LedgerReason.OverageInvoiced)]
    public void Forgive_and_invoice_clear_the_deficit_at_the_reset(string behavior, LedgerReason reason)
    {
        var s = new WalletSession(NewHead(), []);
        Assert.Equal(EventOutcomeStatus.Applied, s.Debit(Charge("evt_1", 30, 50, behavior), T0).Status);
        s = Next(s);

        var settled = s.SettleOverageAtReset(T0.AddDays(30), T0.AddDays(30), invoiced: 30);
        Assert.NotNull(settled);
        Assert.Equal((behavior, 30L), (settled.Behavior, settled.Amount));
        Assert.Equal((LedgerEntryType.Adjustment, reason, 30L, -30L, 0L), (settled.Entry.Type, settled.Entry.Reason, settled.Entry.Amount, settled.Entry.BalanceBefore, settled.Entry.BalanceAfter));
        Assert.Equal((0L, 0L), (s.Head.Balance, s.Head.Deficit));

        // The next cycle's grant arrives whole.
        s.AddGrant(NewGrant("cycle2", 100), LedgerReason.Grant, T0.AddDays(30));
        Assert.Equal(100, s.Head.Balance);

        // A reset settles once per cycle end: a re-run of the same reset leaves a new deficit alone; the next one clears it.
        Assert.Equal(EventOutcomeStatus.Applied, s.Debit(Charge("evt_2", 110, 50, behavior), T0.AddDays(31)).Status);
        Assert.Null(s.SettleOverageAtReset(T0.AddDays(30), T0.AddDays(31), invoiced: 10));
        Assert.Equal(10, s.Head.Deficit);
        Assert.Equal(10, s.SettleOverageAtReset(T0.AddDays(60), T0.AddDays(60), invoiced: 10)?.Amount);
    }

    [Fact]
    public void Carry_deficit_survives_the_reset_and_the_next_grant_repays_it_first()
    {
        var s = new WalletSession(NewHead(), []);
        Assert.Equal(EventOutcomeStatus.Applied, s.Debit(Charge("evt_1", 30, 50, OveragePolicy.CarryDeficit), T0).Status);
        s = Next(s);
        Assert.Null(s.SettleOverageAtReset(T0.AddDays(30), T0.AddDays(30)));
        Assert.Equal(-30, s.Head.Balance);

        s.AddGrant(NewGrant("cycle2", 100), LedgerReason.Grant, T0.AddDays(30));
        Assert.Equal(
            [(LedgerEntryType.Credit, LedgerReason.Grant, 100L, -30L, 70L), (LedgerEntryType.Adjustment, LedgerReason.DeficitRepaid, 30L, 70L, 70L)],
            s.NewEntries.Select(e => (e.Type, e.Reason, e.Amount, e.BalanceBefore, e.BalanceAfter)));
        Assert.Equal((70L, 0L, 70L), (s.Head.Balance, s.Head.Deficit, s.Grants.Single().Remaining));
    }

    // A random history over several transactions: grants, usage (some with overage), holds and their resolution,
    // time passing, and cycle resets.
    private abstract record Step;

    private sealed record GrantStep(long Amount, int Priority, int? ExpiresInHours) : Step;

    private sealed record DebitStep(long Amount, bool Overage) : Step;

    private sealed record ReserveStep(long Amount, int TtlHours) : Step;

    private sealed record CommitStep(int Pick, int Percent) : Step;

    private sealed record ReleaseStep(int Pick) : Step;

    private sealed record AdvanceStep(int Hours) : Step;

    private sealed record ResetStep : Step;

    private static readonly Gen<Step> GenStep = Gen.Frequency(
        (3, from a in Gen.Long[1, 300] from p in Gen.Int[0, 20] from e in Gen.Int[1, 30].Nullable() select (Step)new GrantStep(a, p, e)),
        (5, from a in Gen.Long[1, 200] from o in Gen.Bool select (Step)new DebitStep(a, o)),
        (3, from a in Gen.Long[1, 200] from t in Gen.Int[1, 12] select (Step)new ReserveStep(a, t)),
        (2, from p in Gen.Int[0, 50] from pc in Gen.Int[0, 100] select (Step)new CommitStep(p, pc)),
        (1, Gen.Int[0, 50].Select(p => (Step)new ReleaseStep(p))),
        (2, Gen.Int[1, 10].Select(h => (Step)new AdvanceStep(h))),
        (1, Gen.Const((Step)new ResetStep())));

    private static readonly Gen<string> GenBehavior = Gen.Int[0, 2].Select(i => new[] { OveragePolicy.ForgiveAtReset, OveragePolicy.InvoiceAtBilling, OveragePolicy.CarryDeficit }[i]);

    private const long Limit = 150;

    [Fact]
    public void Any_history_with_holds_and_overage_keeps_every_wallet_invariant() =>
        Gen.Select(GenStep.Array[1, 50], GenBehavior).Sample((steps, behavior) =>
        {
            var s = new WalletSession(NewHead(), []);
            var ledger = new List<LedgerEntry>();
            var now = T0;
            var n = 0;
            foreach (var step in steps)
            {
                s = Next(s);
                s.ExpireDue(now);
                var open = s.Holds.Where(h => h.Status == HoldStatus.Held).OrderBy(h => h.Id, StringComparer.Ordinal).ToList();
                switch (step)
                {
                    case GrantStep g:
                        s.AddGrant(NewGrant("g" + n++, g.Amount, g.Priority, g.ExpiresInHours is { } h ? now.AddHours(h) : null, now), LedgerReason.Grant, now);
                        break;
                    case DebitStep d:
                        var before = s.Head.Balance;
                        var outcome = s.Debit(Charge("e" + n++, d.Amount, d.Overage ? Limit : 0, behavior), now);
                        if (outcome.Status == EventOutcomeStatus.Applied != (s.Head.Balance == before - d.Amount))
                        {
                            return false;
                        }

                        break;
                    case ReserveStep r:
                        var available = Math.Min(s.SpendableAt(now), s.Head.Available);
                        var placed = s.PlaceHold(NewHold("h" + n++, r.Amount, now.AddHours(r.TtlHours), now), now);
                        if (placed.IsSuccess != (r.Amount <= available))
                        {
                            return false;
                        }

                        break;
                    case CommitStep c when open.Count > 0:
                        // The guarantee: an open hold's commit is always paid in full, whatever happened since.
                        var hold = open[c.Pick % open.Count];
                        var capture = hold.Amount * c.Percent / 100;
                        var balance = s.Head.Balance;
                        var committed = s.CommitHold(hold.Id, capture, now);
                        if (committed is null || committed.CommittedAmount != capture || s.Head.Balance > balance - capture)
                        {
                            return false;
                        }

                        break;
                    case ReleaseStep rel when open.Count > 0:
                        if (s.ReleaseHold(open[rel.Pick % open.Count].Id, now) is null)
                        {
                            return false;
                        }

                        break;
                    case AdvanceStep a:
                        now = now.AddHours(a.Hours);
                        break;
                    case ResetStep:
                        s.SettleOverageAtReset(now, now, invoiced: s.Head.Deficit / 2);
                        break;
                }

                ledger.AddRange(s.NewEntries);
                if (!Holds(s, ledger))
                {
                    return false;
                }
            }

            return true;
        });

    private static bool Holds(WalletSession s, List<LedgerEntry> ledger)
    {
        var openGrants = s.Grants.Where(g => g.Status == GrantStatus.Open).ToList();
        var openHolds = s.Holds.Where(h => h.Status == HoldStatus.Held).ToList();
        var heldPerGrant = openHolds.SelectMany(h => h.Breakdown).GroupBy(d => d.GrantId).ToDictionary(x => x.Key, x => x.Sum(d => d.Amount));
        var chain = ledger.Select((e, i) => e.Sequence == i + 1 && (i == 0 ? e.BalanceBefore == 0 : ledger[i - 1].BalanceAfter == e.BalanceBefore)).All(ok => ok);
        return chain
            && (ledger.Count == 0 ? s.Head.Balance == 0 : ledger[^1].BalanceAfter == s.Head.Balance)
            && s.Head.Balance == openGrants.Sum(g => g.Remaining) - s.Head.Deficit
            && s.Head.Reserved == openHolds.Sum(h => h.Amount)
            && openHolds.All(h => h.Breakdown.Sum(d => d.Amount) == h.Amount)
            && openGrants.All(g => g.Held >= 0 && g.Held <= g.Remaining && g.Held == heldPerGrant.GetValueOrDefault(g.Id))
            && s.Head.Deficit is >= 0 and <= Limit
            && s.Grants.All(g => g.Remaining >= 0);
    }
}
