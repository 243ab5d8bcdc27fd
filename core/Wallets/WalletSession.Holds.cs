using System.Globalization;
using UnitPay.Core.Deduction;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Reservations;
using UnitPay.Core.Results;

namespace UnitPay.Core.Wallets;

/// <summary>Holds: placing (earmarking credits FIFO), committing, releasing and expiring reservations.</summary>
public sealed partial class WalletSession
{
    /// <summary>
    /// Earmarks the hold's amount on the wallet's grants, FIFO, for a new hold (HOLD entry): available drops,
    /// balance does not. Holds are funded by credits only, never by overage. Fails with INSUFFICIENT_CREDITS when the
    /// free, spendable credits (or available, when a deficit is owed) are short.
    /// </summary>
    public Outcome<Hold> PlaceHold(Hold hold, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hold);
        if (StatusRefusal() is { } refused)
        {
            return refused;
        }

        if (hold.Amount <= 0 || hold.Status != HoldStatus.Held || _holds.ContainsKey(hold.Id))
        {
            throw new ArgumentException("A new hold must be open, with a positive amount and a new id.", nameof(hold));
        }

        var coverable = Math.Min(SpendableAt(now), Head.Available);
        if (hold.Amount > coverable)
        {
            return new Failure(FailureCodes.InsufficientCredits, $"The credit account has {Math.Max(0, coverable)} available; {hold.Amount} cannot be reserved.");
        }

        var plan = FifoDeduction.Plan(OpenGrantBalances(), hold.Amount, now);
        foreach (var draw in plan.Draws)
        {
            var grant = _grants[draw.GrantId];
            SetGrant(grant with { Held = grant.Held + draw.Amount });
        }

        var placed = hold with { Breakdown = plan.Draws };
        _newHolds.Add(placed.Id);
        SetHold(placed);
        Head = Head with { Reserved = checked(Head.Reserved + placed.Amount) };
        Append(LedgerEntryType.Hold, LedgerReason.HoldPlaced, placed.Amount, 0, now, e => e with
        {
            HoldId = placed.Id,
            FeatureSlug = placed.FeatureSlug,
            Breakdown = plan.Draws,
            Metadata = new Dictionary<string, string> { ["expiresAt"] = placed.ExpiresAt.ToString("O", CultureInfo.InvariantCulture) },
        });
        return placed;
    }

    /// <summary>
    /// Commits an open hold: deducts <paramref name="amount"/> (at most what is held) from the credits it earmarked
    /// (DEBIT / HOLD_CAPTURE) and releases the rest (RELEASE). Always covered: the held credits cannot have been spent
    /// by anything else. Returns null when this session has no such open hold (it is resolved or unknown), or when the
    /// hold is past its time-to-live: then it is released as expired (HOLD_EXPIRED) instead.
    /// </summary>
    public Hold? CommitHold(string holdId, long amount, DateTimeOffset now)
    {
        if (!_holds.TryGetValue(holdId, out var hold) || hold.Status != HoldStatus.Held)
        {
            return null;
        }

        if (amount < 0 || amount > hold.Amount)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"A commit takes 0 to {hold.Amount}.");
        }

        if (hold.IsExpiredAt(now))
        {
            ExpireHold(hold, now);
            return null;
        }

        return Resolve(hold, amount, HoldStatus.Committed, LedgerReason.HoldCapture, now);
    }

    /// <summary>
    /// Releases an open hold in full (RELEASE / HOLD_RELEASED). Returns null when this session has no such open hold,
    /// or when the hold is past its time-to-live (then it is released as expired, HOLD_EXPIRED, and stays so).
    /// </summary>
    public Hold? ReleaseHold(string holdId, DateTimeOffset now)
    {
        if (!_holds.TryGetValue(holdId, out var hold) || hold.Status != HoldStatus.Held)
        {
            return null;
        }

        if (hold.IsExpiredAt(now))
        {
            ExpireHold(hold, now);
            return null;
        }

        return Resolve(hold, 0, HoldStatus.Released, LedgerReason.HoldReleased, now);
    }

    /// <summary>
    /// Resolves a hold: <paramref name="capture"/> of its credits is deducted in the order they were earmarked, the
    /// rest goes back to the grants' free credits, and a grant already past its expiry loses what came back.
    /// </summary>
    private Hold Resolve(Hold hold, long capture, HoldStatus status, LedgerReason releaseReason, DateTimeOffset now)
    {
        var captured = new List<GrantDraw>();
        var left = capture;
        foreach (var part in hold.Breakdown)
        {
            var grant = _grants[part.GrantId];
            var take = Math.Min(part.Amount, left);
            left -= take;
            if (take > 0)
            {
                captured.Add(new GrantDraw(part.GrantId, take));
            }

            var remaining = grant.Remaining - take;
            SetGrant(grant with
            {
                Held = grant.Held - part.Amount,
                Remaining = remaining,
                Status = remaining == 0 ? ClosedStatus(grant, now) : GrantStatus.Open,
            });
        }

        var released = hold.Amount - capture;
        Head = Head with { Reserved = Head.Reserved - hold.Amount };
        if (capture > 0)
        {
            Append(LedgerEntryType.Debit, LedgerReason.HoldCapture, capture, -capture, now, e => e with
            {
                HoldId = hold.Id,
                FeatureSlug = hold.FeatureSlug,
                Breakdown = captured,
            });
        }

        if (released > 0)
        {
            Append(LedgerEntryType.Release, releaseReason, released, 0, now, e => e with
            {
                HoldId = hold.Id,
                FeatureSlug = hold.FeatureSlug,
                Breakdown = ReleasedParts(hold.Breakdown, capture),
            });
        }

        var resolved = hold with { Status = status, ResolvedAt = now, CommittedAmount = capture, ReleasedAmount = released };
        SetHold(resolved);
        foreach (var part in hold.Breakdown)
        {
            var grant = _grants[part.GrantId];
            // What comes back to a grant past its expiry expires now, unless the grant awaits its rollover: then the
            // cycle transition rolls it over with the rest.
            if (grant.Status == GrantStatus.Open && grant.IsExpiredAt(now) && grant.Free > 0 && !grant.AwaitsRollover)
            {
                ExpireFreePart(grant.Id, now);
            }
        }

        return resolved;
    }

    private void ExpireHold(Hold hold, DateTimeOffset now) =>
        Resolve(hold, 0, HoldStatus.Expired, LedgerReason.HoldExpired, now);

    private static List<GrantDraw> ReleasedParts(IReadOnlyList<GrantDraw> breakdown, long capture)
    {
        var parts = new List<GrantDraw>();
        var skip = capture;
        foreach (var part in breakdown)
        {
            var taken = Math.Min(part.Amount, skip);
            skip -= taken;
            if (part.Amount > taken)
            {
                parts.Add(new GrantDraw(part.GrantId, part.Amount - taken));
            }
        }

        return parts;
    }
}
