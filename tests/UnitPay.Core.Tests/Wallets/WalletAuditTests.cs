using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Wallets;
using UnitPay.Testing;

namespace UnitPay.Core.Tests.Wallets;

/// <summary>
/// The audit the benchmarks run after every phase must be able to fail: a wallet written by the real session passes,
/// and each kind of damage a fast but wrong engine could do is named.
/// </summary>
public sealed class WalletAuditTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_wallet_written_by_the_session_passes()
    {
        var (wallet, sent) = Written();

        Assert.Empty(WalletAudit.Violations(wallet, sent));
    }

    [Fact]
    public void An_event_debited_twice_is_caught()
    {
        var (wallet, sent) = Written();
        var last = wallet.Ledger[^1];
        var again = last with { Sequence = last.Sequence + 1, BalanceBefore = last.BalanceAfter, BalanceAfter = last.BalanceAfter - last.Amount };
        var broken = wallet with
        {
            Ledger = [.. wallet.Ledger, again],
            Head = wallet.Head with { Balance = again.BalanceAfter, LastSequence = again.Sequence },
        };

        var problems = WalletAudit.Violations(broken, sent, grantsCarryBalance: false);

        Assert.Contains(problems, p => p.Contains($"event {last.EventId} was debited 2 times", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("is not grants", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gap_in_the_ledger_is_caught()
    {
        var (wallet, sent) = Written();
        var broken = wallet with { Ledger = wallet.Ledger.Where(e => e.Sequence != 3).ToList() };

        var problems = WalletAudit.Violations(broken, sent);

        Assert.Contains(problems, p => p.Contains("has sequence 4", StringComparison.Ordinal));
    }

    [Fact]
    public void A_balance_chain_that_does_not_link_is_caught()
    {
        var (wallet, sent) = Written();
        var ledger = wallet.Ledger.ToList();
        ledger[2] = ledger[2] with { BalanceBefore = ledger[2].BalanceBefore + 1, BalanceAfter = ledger[2].BalanceAfter + 1 };

        var problems = WalletAudit.Violations(wallet with { Ledger = ledger }, sent);

        Assert.Contains(problems, p => p.Contains("entry 3 starts at", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sent_event_that_was_never_applied_is_caught()
    {
        var (wallet, sent) = Written();
        var more = new Dictionary<string, long>(sent) { ["evt_lost"] = 2 };

        var problems = WalletAudit.Violations(wallet, more);

        Assert.Contains(problems, p => p.Contains("have no DEBIT, e.g. evt_lost", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("have no marker", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("is not grants", StringComparison.Ordinal));
    }

    [Fact]
    public void Grants_that_do_not_hold_the_balance_are_caught()
    {
        var (wallet, sent) = Written();
        var grants = wallet.Grants.Select(g => g with { Remaining = g.Amount }).ToList();

        var problems = WalletAudit.Violations(wallet with { Grants = grants }, sent);

        Assert.Contains(problems, p => p.Contains("open grants hold", StringComparison.Ordinal));
    }

    /// <summary>A wallet as the real session writes it: two grants and five debits that cross from one to the other.</summary>
    private static (WalletRecord Wallet, Dictionary<string, long> Sent) Written()
    {
        var session = new WalletSession(
            new WalletHead { WalletId = "cacc_audit", OrgId = "org_1", CustomerId = "cus_1", CurrencyId = "ccur_1", CreatedAt = T0 },
            []);
        foreach (var (id, amount, priority) in new[] { ("g1", 10L, 0), ("g2", 100L, 10) })
        {
            var grant = new Grant { Id = id, Source = GrantSource.Manual, Amount = amount, Remaining = amount, Priority = priority, EffectiveAt = T0, CreatedAt = T0 };
            session.AddGrant(grant, LedgerReason.Grant, T0);
        }

        var sent = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < 5; i++)
        {
            var charge = new UsageCharge("evt_" + i, "ai", 1 + i, T0, 1 + i);
            session.Debit(charge, T0);
            sent[charge.EventId] = charge.Amount;
        }

        return (new WalletRecord(session.Head, session.Grants.ToList(), session.NewEntries, session.NewOutcomes), sent);
    }
}
