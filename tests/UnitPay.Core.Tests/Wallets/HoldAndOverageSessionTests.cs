using CsCheck;
using UnitPay.Core.Catalog;
using UnitPay.Core.Deduction;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Reservations;
using UnitPay.Core.Results;
using UnitPay.Core.Wallets;
using static UnitPay.Core.Tests.Wallets.SessionFixtures;

namespace UnitPay.Core.Tests.Wallets;

/// <summary>Holds (reserve, commit, release, expiry) and overage (deficit, settlement at reset) on the pure wallet session.</summary>
public sealed class HoldAndOverageSessionTests
{
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
