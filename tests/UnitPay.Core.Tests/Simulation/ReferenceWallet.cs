using UnitPay.Core.Catalog;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Money;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Tests.Simulation;

/// <summary>
/// The wallet as plain arithmetic over a list of grants and a list of holds, written from CREDITS.md and nothing else:
/// spend FIFO by priority, then expiry (none last), then effective time, then id; balance = what open grants hold less
/// the deficit; reserved = what open holds hold. It shares no code with the engine. Every change also lists the ledger
/// entries it should produce (type, reason, amount, signed balance change), for the simulation to compare.
/// </summary>
internal sealed class ReferenceWallet
{
    public sealed class RefGrant
    {
        public required string Id { get; init; }

        public required long Amount { get; init; }

        public required int Priority { get; init; }

        public required DateTimeOffset EffectiveAt { get; init; }

        public DateTimeOffset? ExpiresAt { get; init; }

        public long Remaining { get; set; }

        public long Held { get; set; }

        public GrantStatus Status { get; set; } = GrantStatus.Open;

        public long Free => Remaining - Held;

        public bool IsOpen => Status == GrantStatus.Open;

        public bool ExpiredAt(DateTimeOffset now) => ExpiresAt is { } e && e <= now;
    }

    public sealed class RefHold
    {
        public required string Id { get; init; }

        public required long Amount { get; init; }

        public required DateTimeOffset ExpiresAt { get; init; }

        public required List<(string GrantId, long Amount)> Parts { get; init; }

        public bool Open { get; set; } = true;
    }

    public List<RefGrant> Grants { get; } = [];

    public List<RefHold> Holds { get; } = [];

    public long Deficit { get; private set; }

    public string? DeficitBehavior { get; private set; }

    public DateTimeOffset? SettledThrough { get; private set; }

    public WalletStatus Status { get; set; } = WalletStatus.Active;

    /// <summary>The entries the changes since the last <see cref="TakeExpected"/> should have written.</summary>
    private readonly List<(LedgerEntryType Type, LedgerReason Reason, long Amount, long Delta)> _expected = [];

    public long Balance => Grants.Where(g => g.IsOpen).Sum(g => g.Remaining) - Deficit;

    public long Reserved => Holds.Where(h => h.Open).Sum(h => h.Amount);

    public long Available => Balance - Reserved;

    public RefGrant Grant(string id) => Grants.Single(g => g.Id == id);

    public List<(LedgerEntryType Type, LedgerReason Reason, long Amount, long Delta)> TakeExpected()
    {
        var taken = _expected.ToList();
        _expected.Clear();
        return taken;
    }

    public long SpendableAt(DateTimeOffset now) => SpendingOrder(now).Sum(g => g.Free);

    /// <summary>The grants usage may draw from now, in the order CREDITS.md gives.</summary>
    public List<RefGrant> SpendingOrder(DateTimeOffset now)
    {
        var spendable = Grants.Where(g => g.IsOpen && g.Free > 0 && g.EffectiveAt <= now && !g.ExpiredAt(now)).ToList();
        spendable.Sort((a, b) =>
        {
            if (a.Priority != b.Priority)
            {
                return a.Priority.CompareTo(b.Priority);
            }

            if (a.ExpiresAt != b.ExpiresAt)
            {
                return a.ExpiresAt is null ? 1 : b.ExpiresAt is null ? -1 : a.ExpiresAt.Value.CompareTo(b.ExpiresAt.Value);
            }

            return a.EffectiveAt != b.EffectiveAt ? a.EffectiveAt.CompareTo(b.EffectiveAt) : string.CompareOrdinal(a.Id, b.Id);
        });
        return spendable;
    }

    /// <summary>What the expiry step of every change does: release holds past their ttl, then expire what is due.</summary>
    public void ExpireDue(DateTimeOffset now)
    {
        foreach (var hold in Holds.Where(h => h.Open && h.ExpiresAt <= now).OrderBy(h => h.ExpiresAt).ThenBy(h => h.Id, StringComparer.Ordinal).ToList())
        {
            Resolve(hold, 0, LedgerReason.HoldExpired, now);
        }

        foreach (var grant in Grants.Where(g => g.IsOpen && g.ExpiredAt(now) && (g.Held == 0 || g.Free > 0)).OrderBy(g => g.ExpiresAt).ThenBy(g => g.Id, StringComparer.Ordinal).ToList())
        {
            ExpireFreePart(grant);
        }
    }

    /// <summary>Adds a grant unless it is too large for one grant or for the balance; true when added.</summary>
    public bool AddGrant(string id, long amount, int priority, DateTimeOffset effectiveAt, DateTimeOffset? expiresAt)
    {
        if (amount > AmountLimits.MaxGrant || (Int128)Balance + amount > AmountLimits.MaxBalance)
        {
            return false;
        }

        var grant = new RefGrant { Id = id, Amount = amount, Remaining = amount, Priority = priority, EffectiveAt = effectiveAt, ExpiresAt = expiresAt };
        Grants.Add(grant);
        _expected.Add((LedgerEntryType.Credit, LedgerReason.Grant, amount, amount));
        if (Deficit > 0 && DeficitBehavior == OveragePolicy.CarryDeficit)
        {
            var repay = Math.Min(Deficit, amount);
            grant.Remaining -= repay;
            grant.Status = grant.Remaining == 0 ? GrantStatus.Depleted : GrantStatus.Open;
            Deficit -= repay;
            DeficitBehavior = Deficit == 0 ? null : DeficitBehavior;
            _expected.Add((LedgerEntryType.Adjustment, LedgerReason.DeficitRepaid, repay, 0));
        }

        return true;
    }

    /// <summary>Usage: null when applied, else the reason it was rejected.</summary>
    public string? Debit(long amount, long overageLimit, string? behavior, DateTimeOffset now)
    {
        if (Status != WalletStatus.Active)
        {
            return "WALLET_FROZEN";
        }

        var shortfall = Math.Max(0, amount - SpendableAt(now));
        if (shortfall > 0 && !(overageLimit > 0 && (Int128)Deficit + shortfall <= overageLimit))
        {
            return "INSUFFICIENT_CREDITS";
        }

        var left = amount - shortfall;
        foreach (var grant in SpendingOrder(now))
        {
            var take = Math.Min(left, grant.Free);
            grant.Remaining -= take;
            left -= take;
            if (grant.Remaining == 0)
            {
                grant.Status = grant.ExpiredAt(now) ? GrantStatus.Expired : GrantStatus.Depleted;
            }

            if (left == 0)
            {
                break;
            }
        }

        if (shortfall > 0)
        {
            Deficit += shortfall;
            DeficitBehavior = behavior;
        }

        if (amount > 0)
        {
            _expected.Add((LedgerEntryType.Debit, LedgerReason.UsageDeduction, amount, -amount));
        }

        return null;
    }

    /// <summary>Reserve: null when placed, else the failure code.</summary>
    public string? PlaceHold(string id, long amount, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (Status != WalletStatus.Active)
        {
            return "WALLET_FROZEN";
        }

        if (amount > Math.Min(SpendableAt(now), Available))
        {
            return "INSUFFICIENT_CREDITS";
        }

        var parts = new List<(string, long)>();
        var left = amount;
        foreach (var grant in SpendingOrder(now))
        {
            var take = Math.Min(left, grant.Free);
            grant.Held += take;
            parts.Add((grant.Id, take));
            left -= take;
            if (left == 0)
            {
                break;
            }
        }

        Holds.Add(new RefHold { Id = id, Amount = amount, ExpiresAt = expiresAt, Parts = parts });
        _expected.Add((LedgerEntryType.Hold, LedgerReason.HoldPlaced, amount, 0));
        return null;
    }

    public void Commit(RefHold hold, long capture, DateTimeOffset now) => Resolve(hold, capture, LedgerReason.HoldCapture, now);

    public void Release(RefHold hold, DateTimeOffset now) => Resolve(hold, 0, LedgerReason.HoldReleased, now);

    public void Void(RefGrant grant)
    {
        var left = grant.Remaining;
        grant.Remaining = 0;
        grant.Status = GrantStatus.Voided;
        if (left > 0)
        {
            _expected.Add((LedgerEntryType.Adjustment, LedgerReason.GrantVoided, left, -left));
        }
    }

    /// <summary>The cycle reset of the deficit: forgive all, clear what was invoiced, or carry it.</summary>
    public void SettleAtReset(DateTimeOffset cycleEnd, long invoiced)
    {
        if (SettledThrough is { } settled && settled >= cycleEnd)
        {
            return;
        }

        var amount = DeficitBehavior switch
        {
            OveragePolicy.ForgiveAtReset => Deficit,
            OveragePolicy.InvoiceAtBilling => Math.Min(Math.Max(0, invoiced), Deficit),
            _ => 0,
        };
        if (amount == 0)
        {
            return;
        }

        var reason = DeficitBehavior == OveragePolicy.ForgiveAtReset ? LedgerReason.OverageForgiven : LedgerReason.OverageInvoiced;
        Deficit -= amount;
        DeficitBehavior = Deficit == 0 ? null : DeficitBehavior;
        SettledThrough = cycleEnd;
        _expected.Add((LedgerEntryType.Adjustment, reason, amount, amount));
    }

    private void Resolve(RefHold hold, long capture, LedgerReason releaseReason, DateTimeOffset now)
    {
        var left = capture;
        foreach (var (grantId, amount) in hold.Parts)
        {
            var grant = Grant(grantId);
            var take = Math.Min(amount, left);
            left -= take;
            grant.Held -= amount;
            grant.Remaining -= take;
            grant.Status = grant.Remaining == 0 ? (grant.ExpiredAt(now) ? GrantStatus.Expired : GrantStatus.Depleted) : GrantStatus.Open;
        }

        hold.Open = false;
        if (capture > 0)
        {
            _expected.Add((LedgerEntryType.Debit, LedgerReason.HoldCapture, capture, -capture));
        }

        if (hold.Amount - capture > 0)
        {
            _expected.Add((LedgerEntryType.Release, releaseReason, hold.Amount - capture, 0));
        }

        // Credits that go back to a grant past its expiry expire at once.
        foreach (var (grantId, _) in hold.Parts)
        {
            var grant = Grant(grantId);
            if (grant.IsOpen && grant.ExpiredAt(now) && grant.Free > 0)
            {
                ExpireFreePart(grant);
            }
        }
    }

    private void ExpireFreePart(RefGrant grant)
    {
        var free = grant.Free;
        grant.Remaining = grant.Held;
        grant.Status = grant.Held == 0 ? GrantStatus.Expired : GrantStatus.Open;
        if (free > 0)
        {
            _expected.Add((LedgerEntryType.Expire, LedgerReason.Expiration, free, -free));
        }
    }
}
