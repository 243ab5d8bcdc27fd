using UnitPay.Core.Catalog;
using UnitPay.Core.Deduction;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Reservations;
using UnitPay.Core.Results;
using UnitPay.Core.Wallets;
using static UnitPay.Core.Tests.Wallets.SessionFixtures;

namespace UnitPay.Core.Tests.Wallets;

/// <summary>Overage: overdrawing to the limit and settling the deficit at a reset (<c>WalletSession.Overage.cs</c>).</summary>
public sealed class WalletSessionOverageTests
{
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
}
