using System.Globalization;
using UnitPay.Core.Catalog;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Reservations;
using UnitPay.Core.Subscriptions;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Tests.Simulation;

/// <summary>
/// Runs one simulated history through the real <see cref="WalletSession"/> (and so the real FIFO deduction and cycle
/// transition), one session per transaction as the engine does (expiry first, then the change), and after every step
/// compares it with the <see cref="ReferenceWallet"/>: head totals, every grant's remaining/held/status, open holds and
/// their earmarks, event outcomes, and the ledger entries (the expected ones, gapless, chained, adding up).
/// </summary>
internal sealed class WalletSimulation
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private readonly OveragePolicy _policy;
    private readonly ReferenceWallet _model = new();
    private WalletSession _session;
    private DateTimeOffset _now = Start;
    private long _lastSequence;
    private long _lastBalance;
    private int _ids;
    private int _step;

    private WalletSimulation(OveragePolicy policy)
    {
        _policy = policy;
        _session = new WalletSession(new WalletHead { WalletId = "cacc_sim", OrgId = "org_sim", CustomerId = "cus_sim", CurrencyId = "ccur_sim", CreatedAt = Start }, []);
    }

    public static void Run(OveragePolicy policy, IReadOnlyList<SimStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var simulation = new WalletSimulation(policy);
        foreach (var step in steps)
        {
            simulation.Apply(step);
            simulation._step++;
        }
    }

    private void Apply(SimStep step)
    {
        if (step is SimStep.Advance advance)
        {
            _now = _now.AddMinutes(advance.Minutes);
            return;
        }

        // A new transaction: what the store would load after the last commit, with due expiries closed first.
        _session = new WalletSession(_session.Head, _session.Grants.Where(g => g.Status == GrantStatus.Open), _session.Holds.Where(h => h.Status == HoldStatus.Held));
        _session.ExpireDue(_now);
        _model.ExpireDue(_now);
        var openHolds = _model.Holds.Where(h => h.Open).OrderBy(h => h.Id, StringComparer.Ordinal).ToList();
        switch (step)
        {
            case SimStep.Grant g:
                AddGrant(g.Amount, g.Priority, _now.AddMinutes(g.StartsInMinutes), g.ExpiresAfterMinutes is { } e ? _now.AddMinutes(g.StartsInMinutes + e) : null);
                break;
            case SimStep.HugeGrant h:
                AddGrant(SimStep.HugeAmount(h.PastMaximum), 50, _now, null);
                break;
            case SimStep.Debit d:
                var eventId = "evt_" + _ids++;
                var outcome = _session.Debit(new UsageCharge(eventId, "chat", d.Amount, _now, 1, _policy.Limit, _policy.Allows ? _policy.OverageBehavior : null), _now);
                var expected = _model.Debit(d.Amount, _policy.Limit, _policy.Allows ? _policy.OverageBehavior : null, _now);
                Expect(outcome.Reason == expected && (outcome.Status == EventOutcomeStatus.Applied) == (expected is null), $"debit of {d.Amount}: engine {outcome.Status}/{outcome.Reason}, model {expected ?? "applied"}");
                break;
            case SimStep.Reserve r:
                var holdId = "hold_" + _ids++.ToString("D4", CultureInfo.InvariantCulture);
                var placed = _session.PlaceHold(new Hold { Id = holdId, CustomerId = "cus_sim", CreditCurrencyId = "ccur_sim", Amount = r.Amount, Breakdown = [], ExpiresAt = _now.AddMinutes(r.TtlMinutes), CreatedAt = _now }, _now);
                var refused = _model.PlaceHold(holdId, r.Amount, _now.AddMinutes(r.TtlMinutes), _now);
                Expect(placed.Failure?.Code == refused, $"reserve of {r.Amount}: engine {placed.Failure?.Code ?? "placed"}, model {refused ?? "placed"}");
                break;
            case SimStep.Commit c when openHolds.Count > 0:
                var toCommit = openHolds[c.Pick % openHolds.Count];
                var capture = toCommit.Amount * c.Percent / 100;
                var committed = _session.CommitHold(toCommit.Id, capture, _now);
                _model.Commit(toCommit, capture, _now);
                Expect(committed is { Status: HoldStatus.Committed } && committed.CommittedAmount == capture, $"commit of {capture} on {toCommit.Id} was not paid in full");
                break;
            case SimStep.Release rel when openHolds.Count > 0:
                var toRelease = openHolds[rel.Pick % openHolds.Count];
                Expect(_session.ReleaseHold(toRelease.Id, _now) is { Status: HoldStatus.Released }, $"release of {toRelease.Id} failed");
                _model.Release(toRelease, _now);
                break;
            case SimStep.Void v:
                // As the service does: only an open grant with nothing held can be voided.
                var voidable = _model.Grants.Where(g => g.IsOpen && g.Held == 0).OrderBy(g => g.Id, StringComparer.Ordinal).ToList();
                if (voidable.Count > 0)
                {
                    var grant = voidable[v.Pick % voidable.Count];
                    _session.VoidGrant(grant.Id, _now, "simulation");
                    _model.Void(grant);
                }

                break;
            case SimStep.Freeze f:
                _session.SetStatus(f.Frozen ? WalletStatus.Frozen : WalletStatus.Active, _now);
                _model.Status = f.Frozen ? WalletStatus.Frozen : WalletStatus.Active;
                break;
            case SimStep.CycleReset reset:
                CycleReset(reset);
                break;
        }

        Check(step);
    }

    private void AddGrant(long amount, int priority, DateTimeOffset effectiveAt, DateTimeOffset? expiresAt)
    {
        var id = "grant_" + _ids++.ToString("D4", CultureInfo.InvariantCulture);
        var added = _session.TryAddGrant(NewGrant(id, amount, priority, effectiveAt, expiresAt), LedgerReason.Grant, _now);
        var modelAdded = _model.AddGrant(id, amount, priority, effectiveAt, expiresAt);
        Expect(added.IsSuccess == modelAdded, $"grant of {amount}: engine {(added.IsSuccess ? "added" : added.Failure!.Message)}, model {(modelAdded ? "added" : "refused")}");
    }

    private void CycleReset(SimStep.CycleReset reset)
    {
        var id = "grant_" + _ids++.ToString("D4", CultureInfo.InvariantCulture);
        var invoiced = _model.Deficit * reset.InvoicedPercent / 100;
        var step = new WalletCycleStep
        {
            OrgId = "org_sim",
            CustomerId = "cus_sim",
            SubscriptionId = "sub_sim",
            CreditCurrencyId = "ccur_sim",
            WalletId = "cacc_sim",
            At = _now,
            EndsCycle = true,
            EndsSubscription = false,
            Rollovers = [],
            NewGrants = [NewGrant(id, reset.PlanGrant, 10, _now, _now.AddDays(30))],
        };
        CycleTransition.Apply(_session, step, _now, _policy.OverageBehavior == OveragePolicy.InvoiceAtBilling ? ("inl_sim", invoiced) : null);
        _model.SettleAtReset(_now, invoiced);
        _model.AddGrant(id, reset.PlanGrant, 10, _now, _now.AddDays(30));
    }

    private Grant NewGrant(string id, long amount, int priority, DateTimeOffset effectiveAt, DateTimeOffset? expiresAt) => new()
    {
        Id = id,
        Source = GrantSource.Manual,
        Amount = amount,
        Remaining = amount,
        Priority = priority,
        EffectiveAt = effectiveAt,
        ExpiresAt = expiresAt,
        CreatedAt = _now,
    };

    private void Check(SimStep step)
    {
        var head = _session.Head;
        Expect(head.Balance == _model.Balance, $"balance {head.Balance}, model {_model.Balance}", step);
        Expect(head.Reserved == _model.Reserved, $"reserved {head.Reserved}, model {_model.Reserved}", step);
        Expect(head.Available == _model.Available, $"available {head.Available}, model {_model.Available}", step);
        Expect(head.Deficit == _model.Deficit && head.DeficitBehavior == _model.DeficitBehavior, $"deficit {head.Deficit}/{head.DeficitBehavior}, model {_model.Deficit}/{_model.DeficitBehavior}", step);
        Expect(_session.SpendableAt(_now) == _model.SpendableAt(_now), $"spendable {_session.SpendableAt(_now)}, model {_model.SpendableAt(_now)}", step);
        Expect(head.Deficit >= 0 && head.Deficit <= _policy.Limit, $"deficit {head.Deficit} outside 0..{_policy.Limit}", step);

        // Every grant the session holds, open or closed this step, is where the model says; the open sets are equal.
        foreach (var grant in _session.Grants)
        {
            var model = _model.Grant(grant.Id);
            Expect(grant.Remaining == model.Remaining && grant.Held == model.Held && grant.Status == model.Status, $"grant {grant.Id}: remaining/held/status {grant.Remaining}/{grant.Held}/{grant.Status}, model {model.Remaining}/{model.Held}/{model.Status}", step);
            Expect(grant.Remaining >= 0 && grant.Held >= 0 && grant.Held <= grant.Remaining, $"grant {grant.Id} out of bounds", step);
        }

        var open = _session.Grants.Where(g => g.Status == GrantStatus.Open).Select(g => g.Id).Order(StringComparer.Ordinal);
        Expect(open.SequenceEqual(_model.Grants.Where(g => g.IsOpen).Select(g => g.Id).Order(StringComparer.Ordinal)), "open grants differ", step);
        var holds = _session.Holds.Where(h => h.Status == HoldStatus.Held).OrderBy(h => h.Id, StringComparer.Ordinal).ToList();
        var modelHolds = _model.Holds.Where(h => h.Open).OrderBy(h => h.Id, StringComparer.Ordinal).ToList();
        Expect(holds.Select(h => (h.Id, h.Amount)).SequenceEqual(modelHolds.Select(h => (h.Id, h.Amount))), "open holds differ", step);
        for (var i = 0; i < holds.Count; i++)
        {
            Expect(holds[i].Breakdown.Select(d => (d.GrantId, d.Amount)).SequenceEqual(modelHolds[i].Parts), $"hold {holds[i].Id} earmarks other credits than the model", step);
        }

        CheckLedger(step);
    }

    private void CheckLedger(SimStep step)
    {
        var entries = _session.NewEntries;
        var expected = _model.TakeExpected();
        var actual = entries.Select(e => (e.Type, e.Reason, e.Amount, e.BalanceAfter - e.BalanceBefore)).ToList();
        Expect(actual.SequenceEqual(expected), $"ledger entries [{string.Join(", ", actual)}], model [{string.Join(", ", expected)}]", step);
        foreach (var entry in entries)
        {
            Expect(entry.Sequence == _lastSequence + 1 && entry.BalanceBefore == _lastBalance, $"entry {entry.Sequence} does not follow {_lastSequence} (balance {entry.BalanceBefore} after {_lastBalance})", step);
            Expect(entry.Amount > 0, $"entry {entry.Sequence} has amount {entry.Amount}", step);
            var overage = entry.Metadata is { } m && m.TryGetValue("overage", out var o) ? long.Parse(o, CultureInfo.InvariantCulture) : 0;
            if (entry.Breakdown.Count > 0)
            {
                Expect(entry.Breakdown.Sum(d => d.Amount) == entry.Amount - overage, $"entry {entry.Sequence}'s breakdown does not add up to its amount", step);
            }

            _lastSequence = entry.Sequence;
            _lastBalance = entry.BalanceAfter;
        }

        Expect(_session.Head.LastSequence == _lastSequence && _session.Head.Balance == _lastBalance, "the head is not the ledger's last entry", step);
    }

    private void Expect(bool condition, string what, SimStep? step = null)
    {
        if (!condition)
        {
            throw new SimulationMismatchException($"step {_step} ({step}) at {_now:O}: {what}");
        }
    }
}
