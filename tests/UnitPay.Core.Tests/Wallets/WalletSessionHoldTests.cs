using UnitPay.Core.Catalog;
using UnitPay.Core.Deduction;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Reservations;
using UnitPay.Core.Results;
using UnitPay.Core.Wallets;
using static UnitPay.Core.Tests.Wallets.SessionFixtures;

namespace UnitPay.Core.Tests.Wallets;

/// <summary>Holds: placing, committing and releasing reservations (<c>WalletSession.Holds.cs</c>).</summary>
public sealed class WalletSessionHoldTests
{
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
}
