using UnitPay.Core.Catalog;
using UnitPay.Core.Deduction;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Reservations;
using UnitPay.Core.Results;
using UnitPay.Core.Wallets;
using static UnitPay.Core.Tests.Wallets.SessionFixtures;

namespace UnitPay.Core.Tests.Wallets;

/// <summary>Usage debits: applied FIFO or recorded as rejected (<c>WalletSession.Debits.cs</c>).</summary>
public sealed class WalletSessionDebitTests
{
    [Fact]
    public void Usage_the_wallet_cannot_cover_is_recorded_as_rejected_and_moves_nothing()
    {
        var session = NewSession();
        session.AddGrant(NewGrant("g1", 5, 10), LedgerReason.Grant, T0);

        var outcome = session.Debit(new UsageCharge("evt_1", "chat", 6, T0, 6), T0);

        Assert.Equal(EventOutcomeStatus.Rejected, outcome.Status);
        Assert.Equal("INSUFFICIENT_CREDITS", outcome.Reason);
        Assert.Equal(5, session.Head.Balance);
        Assert.Single(session.NewEntries); // only the grant
        Assert.Contains(session.NewOutcomes, o => o.EventId == "evt_1");
    }

    [Fact]
    public void A_frozen_wallet_takes_grants_but_refuses_usage()
    {
        var session = NewSession();
        session.SetStatus(WalletStatus.Frozen, T0);
        session.AddGrant(NewGrant("g1", 50, 10), LedgerReason.Grant, T0);

        var outcome = session.Debit(new UsageCharge("evt_1", "chat", 1, T0, 1), T0);

        Assert.Equal("WALLET_FROZEN", outcome.Reason);
        Assert.Equal(50, session.Head.Balance);
    }
}
