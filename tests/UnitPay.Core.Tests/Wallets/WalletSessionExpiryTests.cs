using UnitPay.Core.Catalog;
using UnitPay.Core.Deduction;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Reservations;
using UnitPay.Core.Results;
using UnitPay.Core.Wallets;
using static UnitPay.Core.Tests.Wallets.SessionFixtures;

namespace UnitPay.Core.Tests.Wallets;

/// <summary>Expiry: what is due closes within the operation budget (<c>WalletSession.Expiry.cs</c>).</summary>
public sealed class WalletSessionExpiryTests
{
    [Fact]
    public void Expiring_a_grant_writes_an_expire_entry_for_what_remained()
    {
        var session = NewSession();
        session.AddGrant(NewGrant("g1", 30, 0, T0.AddHours(1)), LedgerReason.Grant, T0);
        session.Debit(new UsageCharge("evt_1", "chat", 10, T0, 1), T0);

        var closed = session.ExpireDue(T0.AddHours(1));

        Assert.Equal(1, closed);
        var expire = session.NewEntries[^1];
        Assert.Equal((LedgerEntryType.Expire, LedgerReason.Expiration, 20L, 20L, 0L), (expire.Type, expire.Reason, expire.Amount, expire.BalanceBefore, expire.BalanceAfter));
        Assert.Equal(GrantStatus.Expired, session.Grants.Single().Status);
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
}
