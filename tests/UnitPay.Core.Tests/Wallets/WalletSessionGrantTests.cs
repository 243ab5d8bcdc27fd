using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Money;
using UnitPay.Core.Wallets;
using static UnitPay.Core.Tests.Wallets.SessionFixtures;

namespace UnitPay.Core.Tests.Wallets;

/// <summary>Grants: adding, voiding and expiring part of one for the cycle transition (<c>WalletSession.Grants.cs</c>).</summary>
public sealed class WalletSessionGrantTests
{
    [Fact]
    public void A_grant_past_the_maximum_balance_is_refused_and_changes_nothing()
    {
        var s = NewSession();
        s.AddGrant(NewGrant("g1", AmountLimits.MaxGrant), LedgerReason.Grant, T0);
        var before = s.Head;

        var refused = s.TryAddGrant(NewGrant("g2", AmountLimits.MaxGrant + 1), LedgerReason.Grant, T0);

        Assert.False(refused.IsSuccess);
        Assert.True(refused.Failure?.Errors?.ContainsKey("amount"));
        Assert.Equal(before, s.Head);
        Assert.Single(s.NewEntries);
    }

    [Fact]
    public void Voiding_takes_what_remained_out_with_an_adjustment_and_refuses_a_grant_with_held_credits()
    {
        var s = NewSession();
        s.AddGrant(NewGrant("g1", 100), LedgerReason.Grant, T0);
        s.AddGrant(NewGrant("g2", 50, priority: 20), LedgerReason.Grant, T0);
        s.Debit(Charge("evt_1", 30), T0);
        Assert.True(s.PlaceHold(NewHold("h1", 10, T0.AddHours(1)), T0).IsSuccess); // held from g1, first by priority

        Assert.Throws<InvalidOperationException>(() => s.VoidGrant("g1", T0, null));
        var voided = s.VoidGrant("g2", T0, "refund");

        Assert.NotNull(voided);
        Assert.Equal((LedgerEntryType.Adjustment, LedgerReason.GrantVoided, 50L, 120L, 70L), (voided.Type, voided.Reason, voided.Amount, voided.BalanceBefore, voided.BalanceAfter));
        Assert.Equal("refund", voided.Metadata!["reason"]);
        Assert.Equal((GrantStatus.Voided, 0L), (s.Grants.Single(g => g.Id == "g2").Status, s.Grants.Single(g => g.Id == "g2").Remaining));
    }

    [Fact]
    public void Expiring_part_of_a_grant_keeps_it_open_until_nothing_remains()
    {
        var s = NewSession();
        s.AddGrant(NewGrant("g1", 100) with { AwaitsRollover = true }, LedgerReason.Grant, T0);

        var part = s.ExpireFromGrant("g1", 60, LedgerReason.Rollover, T0);
        Assert.Equal((LedgerEntryType.Expire, LedgerReason.Rollover, 60L, 40L), (part.Type, part.Reason, part.Amount, part.BalanceAfter));
        Assert.Equal(GrantStatus.Open, s.Grants.Single().Status);
        Assert.Throws<ArgumentOutOfRangeException>(() => s.ExpireFromGrant("g1", 41, LedgerReason.Rollover, T0));

        s.ExpireFromGrant("g1", 40, LedgerReason.RolloverForfeit, T0);
        Assert.Equal((GrantStatus.Expired, 0L), (s.Grants.Single().Status, s.Head.Balance));
    }
}
