using CsCheck;
using UnitPay.Core.Analytics;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Reservations;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Tests.Analytics;

/// <summary>
/// The balance as of an instant, held to what the wallet really was then: random histories run through the real
/// <see cref="WalletSession"/> (grants, usage, expiries, voids, holds placed, committed and released), the state recorded
/// at every instant, and then rewound from the end and replayed from the start.
/// </summary>
public sealed class LedgerRewindTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private abstract record Step;

    private sealed record GrantStep(long Amount, int Priority, int? ExpiresInHours) : Step;

    private sealed record DebitStep(long Amount) : Step;

    private sealed record AdvanceStep(int Hours) : Step;

    private sealed record VoidStep(int Pick) : Step;

    private sealed record HoldStep(long Amount) : Step;

    private sealed record ResolveStep(int Pick, long Commit) : Step;

    private static readonly Gen<Step> GenStep = Gen.Frequency(
        (3, from a in Gen.Long[1, 500] from p in Gen.Int[0, 50] from e in Gen.Int[1, 48].Nullable() select (Step)new GrantStep(a, p, e)),
        (5, Gen.Long[1, 300].Select(a => (Step)new DebitStep(a))),
        (3, Gen.Int[1, 24].Select(h => (Step)new AdvanceStep(h))),
        (1, Gen.Int[0, 100].Select(p => (Step)new VoidStep(p))),
        (2, Gen.Long[1, 200].Select(a => (Step)new HoldStep(a))),
        (2, from p in Gen.Int[0, 100] from c in Gen.Long[0, 250] select (Step)new ResolveStep(p, c)));

    private sealed record State(long Balance, long Reserved, long LastSequence, Dictionary<string, (long Remaining, long Held)> Grants);

    [Fact]
    public void Rewinding_from_now_and_replaying_from_the_start_both_give_the_wallet_as_it_was_at_every_instant() =>
        GenStep.Array[1, 80].Sample(steps =>
        {
            var (session, states) = Run(steps);
            var entries = session.NewEntries;
            var newestFirst = entries.Reverse().ToList();
            foreach (var (at, expected) in states)
            {
                var rewound = LedgerRewind.Rewind(session.Head.Balance, session.Head.Reserved, session.Head.LastSequence, session.Grants, newestFirst, at);
                var replayed = LedgerRewind.Replay(session.Grants, entries, at);
                if (!Same(rewound, expected) || !Same(replayed, expected))
                {
                    return false;
                }

                // The rewind walks only the entries after the instant (and the one that shows it has gone far enough).
                var after = entries.Count(e => e.CreatedAt > at);
                if (rewound.EntriesRead != Math.Min(entries.Count, after + 1))
                {
                    return false;
                }
            }

            return true;
        });

    [Fact]
    public void Before_the_first_entry_the_wallet_is_empty()
    {
        var session = Session();
        session.AddGrant(Grant("g1", 100, T0.AddHours(1)), LedgerReason.Grant, T0.AddHours(1));

        var state = LedgerRewind.Rewind(session.Head.Balance, 0, session.Head.LastSequence, session.Grants, session.NewEntries.Reverse(), T0);

        Assert.Equal((0L, 0L), (state.Balance, state.LastSequence));
        Assert.Empty(state.Grants);
    }

    [Fact]
    public void A_ledger_with_a_gap_is_refused_rather_than_answered()
    {
        var session = Session();
        session.AddGrant(Grant("g1", 100, T0), LedgerReason.Grant, T0);
        session.Debit(new UsageCharge("e1", "chat", 10, T0.AddHours(1), 1), T0.AddHours(1));
        session.Debit(new UsageCharge("e2", "chat", 10, T0.AddHours(2), 1), T0.AddHours(2));
        var gapped = session.NewEntries.Reverse().Where(e => e.Sequence != 2).ToList();

        Assert.Throws<InvalidDataException>(() => LedgerRewind.Rewind(session.Head.Balance, 0, session.Head.LastSequence, session.Grants, gapped, T0));
    }

    private static bool Same(WalletAsOf actual, State expected) =>
        actual.Balance == expected.Balance
        && actual.Reserved == expected.Reserved
        && actual.LastSequence == expected.LastSequence
        && actual.Grants.Count == expected.Grants.Count(g => g.Value.Remaining > 0)
        && actual.Grants.All(g => expected.Grants.TryGetValue(g.Id, out var e) && e.Remaining == g.Remaining && e.Held == g.Held);

    private static (WalletSession Session, List<(DateTimeOffset At, State State)> States) Run(Step[] steps)
    {
        var session = Session();
        var now = T0;
        var states = new List<(DateTimeOffset, State)> { (T0.AddMinutes(-1), new State(0, 0, 0, [])) };
        var n = 0;
        foreach (var step in steps)
        {
            session.ExpireDue(now);
            switch (step)
            {
                case GrantStep g:
                    session.AddGrant(Grant("g" + n++, g.Amount, now, g.ExpiresInHours is { } hours ? now.AddHours(hours) : null) with { Priority = g.Priority }, LedgerReason.Grant, now);
                    break;
                case DebitStep d:
                    session.Debit(new UsageCharge("e" + n++, "chat", d.Amount, now, 1), now);
                    break;
                case VoidStep v:
                    var open = session.Grants.Where(x => x.Status == GrantStatus.Open && x.Held == 0).ToList();
                    if (open.Count > 0)
                    {
                        session.VoidGrant(open[v.Pick % open.Count].Id, now, null);
                    }

                    break;
                case HoldStep h:
                    session.PlaceHold(new Hold { Id = "h" + n++, CustomerId = "cus_1", CreditCurrencyId = "ccur_1", Amount = h.Amount, Breakdown = [], ExpiresAt = now.AddDays(30), CreatedAt = now }, now);
                    break;
                case ResolveStep r:
                    var held = session.Holds.Where(x => x.Status == HoldStatus.Held).ToList();
                    if (held.Count > 0)
                    {
                        var hold = held[r.Pick % held.Count];
                        if (r.Commit == 0)
                        {
                            session.ReleaseHold(hold.Id, now);
                        }
                        else
                        {
                            session.CommitHold(hold.Id, Math.Min(r.Commit, hold.Amount), now);
                        }
                    }

                    break;
                case AdvanceStep a:
                    states.Add((now, Capture(session)));
                    now = now.AddHours(a.Hours);
                    break;
            }
        }

        states.Add((now, Capture(session)));
        return (session, states);
    }

    private static State Capture(WalletSession s) => new(
        s.Head.Balance,
        s.Head.Reserved,
        s.Head.LastSequence,
        s.Grants.ToDictionary(g => g.Id, g => (g.Remaining, g.Held)));

    private static WalletSession Session() => new(new WalletHead { WalletId = "cacc_w", OrgId = "org_1", CustomerId = "cus_1", CurrencyId = "ccur_1", CreatedAt = T0 }, []);

    private static Grant Grant(string id, long amount, DateTimeOffset at, DateTimeOffset? expires = null) => new()
    {
        Id = id,
        Source = GrantSource.Manual,
        Amount = amount,
        Remaining = amount,
        Priority = 10,
        EffectiveAt = at,
        ExpiresAt = expires,
        CreatedAt = at,
    };
}
