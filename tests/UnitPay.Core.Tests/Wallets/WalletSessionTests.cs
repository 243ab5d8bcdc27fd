using CsCheck;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Wallets;
using static UnitPay.Core.Tests.Wallets.SessionFixtures;

namespace UnitPay.Core.Tests.Wallets;

public sealed class WalletSessionTests
{
    // One step of a random wallet history: grant, debit, advance time (expiring grants), or void.
    private abstract record Step;

    private sealed record GrantStep(long Amount, int Priority, int? ExpiresInHours) : Step;

    private sealed record DebitStep(long Amount, int EventNo) : Step;

    private sealed record AdvanceStep(int Hours) : Step;

    private sealed record VoidStep(int Pick) : Step;

    private static readonly Gen<Step> GenStep = Gen.Frequency(
        (3, from a in Gen.Long[1, 500] from p in Gen.Int[0, 50] from e in Gen.Int[1, 48].Nullable() select (Step)new GrantStep(a, p, e)),
        (6, from a in Gen.Long[0, 300] from n in Gen.Int[0, 40] select (Step)new DebitStep(a, n)),
        (1, Gen.Int[1, 24].Select(h => (Step)new AdvanceStep(h))),
        (1, Gen.Int[0, 100].Select(p => (Step)new VoidStep(p))));

    [Fact]
    public void Any_history_keeps_the_ledger_chain_gapless_and_the_balance_equal_to_open_grants() =>
        GenStep.Array[1, 60].Sample(steps =>
        {
            var session = NewSession();
            var now = T0;
            var grantNo = 0;
            var applied = new HashSet<string>();
            foreach (var step in steps)
            {
                switch (step)
                {
                    case GrantStep g:
                        session.ExpireDue(now);
                        session.AddGrant(NewGrant("g" + grantNo++, g.Amount, g.Priority, g.ExpiresInHours is { } h ? now.AddHours(h) : null) with { EffectiveAt = now }, LedgerReason.Grant, now);
                        break;
                    case DebitStep d:
                        session.ExpireDue(now);
                        var before = session.Head.Balance;
                        var spendable = session.SpendableAt(now);
                        var outcome = session.Debit(new UsageCharge("evt" + d.EventNo + "_" + applied.Count, "f", d.Amount, now, 1), now);
                        if (outcome.Status == EventOutcomeStatus.Applied)
                        {
                            applied.Add(outcome.EventId);
                            if (d.Amount > spendable || session.Head.Balance != before - d.Amount)
                            {
                                return false;
                            }
                        }
                        else if (d.Amount <= spendable || session.Head.Balance != before)
                        {
                            return false; // rejected although it fitted, or a rejection moved money
                        }

                        break;
                    case AdvanceStep a:
                        now = now.AddHours(a.Hours);
                        break;
                    case VoidStep v:
                        var open = session.Grants.Where(x => x.Status == GrantStatus.Open).ToList();
                        if (open.Count > 0)
                        {
                            session.VoidGrant(open[v.Pick % open.Count].Id, now, null);
                        }

                        break;
                }
            }

            var entries = session.NewEntries;
            var chained = entries.Zip(entries.Skip(1)).All(p => p.First.BalanceAfter == p.Second.BalanceBefore && p.Second.Sequence == p.First.Sequence + 1);
            var startsAtZero = entries.Count == 0 || (entries[0].BalanceBefore == 0 && entries[0].Sequence == 1);
            var endsAtHead = entries.Count == 0 ? session.Head.Balance == 0 : entries[^1].BalanceAfter == session.Head.Balance;
            var equalsGrants = session.Head.Balance == session.Grants.Where(g => g.Status == GrantStatus.Open).Sum(g => g.Remaining);
            var amountsPositive = entries.All(e => e.Amount > 0 && e.Breakdown.Sum(d => d.Amount) == e.Amount);
            var neverNegative = session.Grants.All(g => g.Remaining >= 0) && session.Head.Balance >= 0;
            return chained && startsAtZero && endsAtHead && equalsGrants && amountsPositive && neverNegative;
        });

    [Fact]
    public void Operation_count_covers_head_grants_one_ledger_page_and_markers()
    {
        var session = NewSession();
        session.AddGrant(NewGrant("g1", 30, 0), LedgerReason.Grant, T0);
        session.Debit(new UsageCharge("evt_1", "chat", 10, T0, 1), T0);
        session.Debit(new UsageCharge("evt_2", "chat", 100, T0, 1), T0);

        // head + 1 grant + 1 ledger page (the grant's and the debit's entries) + 2 markers (applied, rejected)
        // + the webhook outbox row the grant's credit.grant.created needs
        Assert.Equal(6, session.OperationCount);
        Assert.Equal(session.OperationCount, WalletWebhookOutboxCount(session) + 5);
        Assert.Single(WalletRows.ToLedgerPages("cacc_w", session.NewEntries));
    }

    private static int WalletWebhookOutboxCount(WalletSession session) => UnitPay.Core.Webhooks.WalletWebhookEvents.From(session).Count > 0 ? 1 : 0;

    [Fact]
    public void Ledger_pages_round_trip_every_entry_and_split_only_when_very_large()
    {
        var session = NewSession();
        session.AddGrant(NewGrant("g1", 1_000_000, 0), LedgerReason.Grant, T0);
        for (var i = 0; i < 1500; i++)
        {
            session.Debit(new UsageCharge("evt_" + i, "chat", 1, T0, 1.5m), T0);
        }

        var entries = session.NewEntries;
        var pages = WalletRows.ToLedgerPages("cacc_w", entries);
        var read = pages.SelectMany(WalletRows.ToLedgerEntries).ToList();

        Assert.True(pages.Count > 1, "1,500 entries exceed one page");
        Assert.All(pages, p => Assert.All(p.Keys.Where(k => k.StartsWith('E')), k => Assert.True(p.GetString(k).Length <= WalletRows.MaxPageColumnChars)));
        Assert.Equal(entries.Count, read.Count);
        Assert.Equal(entries.Select(e => e with { Breakdown = [.. e.Breakdown], Metadata = null }), read.Select(e => e with { Breakdown = [.. e.Breakdown], Metadata = null }), new LedgerEntryComparer());
        Assert.Equal(entries.Select(e => e.Metadata?["quantity"]), read.Select(e => e.Metadata?["quantity"]));
        Assert.Equal(pages.Select(p => p.RowKey), pages.Select(p => WalletRows.LedgerKey("cacc_w", WalletRows.ToLedgerEntries(p)[0].Sequence)));
    }

    private sealed class LedgerEntryComparer : IEqualityComparer<LedgerEntry>
    {
        public bool Equals(LedgerEntry? x, LedgerEntry? y) =>
            x is not null && y is not null
            && (x.Sequence, x.Type, x.Reason, x.Amount, x.BalanceBefore, x.BalanceAfter, x.FeatureSlug, x.EventId, x.GrantId, x.HoldId, x.CreatedAt)
            == (y.Sequence, y.Type, y.Reason, y.Amount, y.BalanceBefore, y.BalanceAfter, y.FeatureSlug, y.EventId, y.GrantId, y.HoldId, y.CreatedAt)
            && x.Breakdown.SequenceEqual(y.Breakdown);

        public int GetHashCode(LedgerEntry obj) => obj.Sequence.GetHashCode();
    }
}
