using UnitPay.Core.Deduction;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Reservations;

namespace UnitPay.Core.Wallets;

/// <summary>Expiry: closing what is due (holds past their ttl, grants past their expiry) within an operation budget.</summary>
public sealed partial class WalletSession
{
    /// <summary>Most operations <see cref="ExpireDue"/> spends in one session; the rest waits for the next change or sweep.</summary>
    public const int ExpiryOperationBudget = 50;

    /// <summary>
    /// Releases holds past their time-to-live (RELEASE / HOLD_EXPIRED), then closes grants whose expiry has passed
    /// with an EXPIRE / EXPIRATION entry for what remained. A grant with credits still held keeps them (they belong to
    /// the hold) and loses only its free part; the rest expires when the hold resolves. Grants that await rollover are
    /// left to the cycle transition, which closes them with ROLLOVER / ROLLOVER_FORFEIT entries. Stops once the session has
    /// spent <see cref="ExpiryOperationBudget"/> operations, so a transaction never overflows; the rest is done next
    /// time. Returns how many holds and grants it closed.
    /// </summary>
    public int ExpireDue(DateTimeOffset now)
    {
        var closed = 0;
        var dueHolds = _holds.Values
            .Where(h => h.Status == HoldStatus.Held && h.IsExpiredAt(now))
            .OrderBy(h => h.ExpiresAt).ThenBy(h => h.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var hold in dueHolds)
        {
            // A hold fits a transaction (it did when it was placed), so a session with nothing else in it always takes
            // one; past the budget, the rest waits for the next transaction instead of blocking what comes after.
            if (OperationCount > 1 && OperationCount + 3 + hold.Breakdown.Count > ExpiryOperationBudget)
            {
                continue;
            }

            ExpireHold(hold, now);
            closed++;
        }

        var dueGrants = _grants.Values
            .Where(g => g.Status == GrantStatus.Open && g.IsExpiredAt(now) && !g.AwaitsRollover && (g.Held == 0 || g.Free > 0))
            .OrderBy(g => g.ExpiresAt).ThenBy(g => g.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var grant in dueGrants)
        {
            if (OperationCount + 2 > ExpiryOperationBudget)
            {
                break;
            }

            ExpireFreePart(grant.Id, now);
            closed++;
        }

        return closed;
    }

    /// <summary>Closes an expired grant's free part with an EXPIRE entry; held credits stay until their hold resolves.</summary>
    private void ExpireFreePart(string grantId, DateTimeOffset now)
    {
        var grant = _grants[grantId];
        var free = grant.Free;
        SetGrant(grant with
        {
            Remaining = grant.Held,
            Status = grant.Held == 0 ? GrantStatus.Expired : GrantStatus.Open,
        });
        if (free > 0)
        {
            Append(LedgerEntryType.Expire, LedgerReason.Expiration, free, -free, now, e => e with
            {
                GrantId = grantId,
                Breakdown = [new GrantDraw(grantId, free)],
            });
        }
    }
}
