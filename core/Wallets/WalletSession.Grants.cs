using UnitPay.Core.Catalog;
using UnitPay.Core.Deduction;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Money;
using UnitPay.Core.Results;

namespace UnitPay.Core.Wallets;

/// <summary>Grants: adding (with carry-deficit repayment), expiring part of one for the cycle transition, ending a rollover wait, voiding.</summary>
public sealed partial class WalletSession
{
    /// <summary>
    /// Why this wallet cannot take a grant of <paramref name="amount"/> now: more than <see cref="AmountLimits.MaxGrant"/>,
    /// or a balance that would pass <see cref="AmountLimits.MaxBalance"/> (400 VALIDATION_FAILED naming <c>amount</c>).
    /// Null when it can.
    /// </summary>
    public Failure? GrantRefusal(long amount)
    {
        if (AmountLimits.ValidateGrant("amount", amount) is { } invalid)
        {
            return invalid;
        }

        return AmountLimits.FitsBalance(Head.Balance, amount)
            ? null
            : Failure.Validation("amount", $"A grant of {amount} would take the credit account's balance ({Head.Balance}) past the maximum of {AmountLimits.MaxBalance}.");
    }

    /// <summary>Adds a new grant with a CREDIT entry, or, when <see cref="GrantRefusal"/> refuses it, changes nothing and says why.</summary>
    public Outcome<LedgerEntry> TryAddGrant(Grant grant, LedgerReason reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return GrantRefusal(grant.Amount) is { } refused ? refused : AddGrant(grant, reason, now);
    }

    /// <summary>Adds a new grant with a CREDIT entry. The caller checked <see cref="GrantRefusal"/> (or uses <see cref="TryAddGrant"/>).</summary>
    public LedgerEntry AddGrant(Grant grant, LedgerReason reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (grant.Amount <= 0 || grant.Remaining != grant.Amount)
        {
            throw new ArgumentException("A new grant must have a positive amount, all of it remaining.", nameof(grant));
        }

        if (GrantRefusal(grant.Amount) is { } refused)
        {
            throw new ArgumentOutOfRangeException(nameof(grant), grant.Amount, refused.Message);
        }

        if (_grants.ContainsKey(grant.Id))
        {
            throw new InvalidOperationException($"Grant {grant.Id} already exists in this wallet.");
        }

        _newGrants.Add(grant.Id);
        SetGrant(grant);
        var credit = Append(LedgerEntryType.Credit, reason, grant.Amount, grant.Amount, now, e => e with
        {
            GrantId = grant.Id,
            Breakdown = [new GrantDraw(grant.Id, grant.Amount)],
        });
        if (Head.Deficit > 0 && Head.DeficitBehavior == OveragePolicy.CarryDeficit)
        {
            // carry_deficit: the next grant repays the deficit first. The balance already counts the deficit, so
            // moving credits from the grant to the deficit leaves it where it is.
            var repay = Math.Min(Head.Deficit, grant.Amount);
            var left = grant.Remaining - repay;
            SetGrant(grant with { Remaining = left, Status = left == 0 ? GrantStatus.Depleted : GrantStatus.Open });
            var deficit = Head.Deficit - repay;
            Head = Head with { Deficit = deficit, DeficitBehavior = deficit == 0 ? null : Head.DeficitBehavior };
            Append(LedgerEntryType.Adjustment, LedgerReason.DeficitRepaid, repay, 0, now, e => e with
            {
                GrantId = grant.Id,
                Breakdown = [new GrantDraw(grant.Id, repay)],
            });
        }

        return credit;
    }

    /// <summary>
    /// Takes <paramref name="amount"/> of an open grant's free credits out with an EXPIRE entry of the given reason (the
    /// cycle transition's ROLLOVER, ROLLOVER_FORFEIT or EXPIRATION). The grant closes as expired once nothing remains.
    /// </summary>
    public LedgerEntry ExpireFromGrant(string grantId, long amount, LedgerReason reason, DateTimeOffset now, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var grant = _grants[grantId];
        if (grant.Status != GrantStatus.Open || amount <= 0 || amount > grant.Free)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"Grant {grantId} is not open or has less than that free (held credits stay with their hold).");
        }

        // Once its free credits are gone, a grant that still backs a hold stops awaiting rollover: what its hold gives
        // back later expires then, as with any expired grant.
        var left = grant.Remaining - amount;
        SetGrant(grant with
        {
            Remaining = left,
            Status = left == 0 ? GrantStatus.Expired : GrantStatus.Open,
            AwaitsRollover = grant.AwaitsRollover && (left == 0 || left > grant.Held),
        });
        return Append(LedgerEntryType.Expire, reason, amount, -amount, now, e => e with
        {
            GrantId = grantId,
            Breakdown = [new GrantDraw(grantId, amount)],
            Metadata = metadata,
        });
    }

    /// <summary>
    /// Ends a grant's wait for rollover once the cycle transition has handled it while open holds still hold some of it:
    /// what those holds give back later expires, as with any expired grant.
    /// </summary>
    public void EndRolloverWait(string grantId)
    {
        var grant = _grants[grantId];
        if (grant.AwaitsRollover && grant.Status == GrantStatus.Open)
        {
            SetGrant(grant with { AwaitsRollover = false });
            HeadChanged = true;
        }
    }

    /// <summary>Voids an open grant: what remained leaves the balance with an ADJUSTMENT / GRANT_VOIDED entry.</summary>
    public LedgerEntry? VoidGrant(string grantId, DateTimeOffset now, string? reason)
    {
        var grant = _grants[grantId];
        if (grant.Held > 0)
        {
            throw new InvalidOperationException($"Grant {grantId} has credits held by open reservations; resolve them before voiding it.");
        }

        var left = grant.Remaining;
        SetGrant(grant with { Remaining = 0, Status = GrantStatus.Voided });
        if (left == 0)
        {
            return null;
        }

        return Append(LedgerEntryType.Adjustment, LedgerReason.GrantVoided, left, -left, now, e => e with
        {
            GrantId = grantId,
            Breakdown = [new GrantDraw(grantId, left)],
            Metadata = reason is null ? null : new Dictionary<string, string> { ["reason"] = reason },
        });
    }
}
