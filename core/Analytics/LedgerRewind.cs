using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;

namespace UnitPay.Core.Analytics;

/// <summary>
/// A wallet at a past instant, recomputed from the ledger. Two pure functions that must agree (a property test holds
/// them to it): <see cref="Rewind"/> starts from the wallet as it is and undoes, newest first, the entries written
/// after the instant (its cost is the entries since then, so a recent instant is cheap whatever the ledger's length);
/// <see cref="Replay"/> applies the entries from the first one (its cost is the whole ledger up to the instant).
/// An entry moves grant credits by its breakdown: CREDIT adds to its grant; DEBIT, EXPIRE and the ADJUSTMENTs with a
/// breakdown (GRANT_VOIDED, DEFICIT_REPAID) take from theirs. HOLD adds to <c>reserved</c> (and to its grants' held credits); RELEASE and a hold
/// capture's DEBIT take from them.
/// </summary>
public static class LedgerRewind
{
    /// <param name="balance">The wallet's balance now (the last entry's balanceAfter).</param>
    /// <param name="reserved">What open holds reserve now.</param>
    /// <param name="lastSequence">The wallet's last ledger sequence now.</param>
    /// <param name="grants">The grants as they are now: every open one, and every one an entry after the instant names.</param>
    /// <param name="newestFirst">The wallet's entries, newest first, at least down to the first one at or before the instant.</param>
    /// <param name="asOf">The instant.</param>
    public static WalletAsOf Rewind(long balance, long reserved, long lastSequence, IEnumerable<Grant> grants, IEnumerable<LedgerEntry> newestFirst, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(newestFirst);
        var byId = grants.ToDictionary(g => g.Id, StringComparer.Ordinal);
        var remaining = byId.Values.ToDictionary(g => g.Id, g => g.Remaining, StringComparer.Ordinal);
        var heldBy = byId.Values.ToDictionary(g => g.Id, g => g.Held, StringComparer.Ordinal);
        var notYet = new HashSet<string>(StringComparer.Ordinal);
        var read = 0;
        DateTimeOffset? lastAt = null;
        foreach (var entry in newestFirst)
        {
            read++;
            if (entry.Sequence != lastSequence)
            {
                throw new InvalidDataException($"The ledger skips from sequence {lastSequence} to {entry.Sequence}.");
            }

            if (entry.CreatedAt <= asOf)
            {
                lastAt = entry.CreatedAt;
                break;
            }

            Apply(entry, remaining, heldBy, notYet, ref reserved, undo: true);
            balance = entry.BalanceBefore;
            lastSequence = entry.Sequence - 1;
        }

        var held = byId.Values
            .Where(g => !notYet.Contains(g.Id) && remaining.GetValueOrDefault(g.Id) > 0)
            .Select(g => g with { Remaining = remaining[g.Id], Held = heldBy.GetValueOrDefault(g.Id), Status = GrantStatus.Open })
            .OrderBy(g => g.ToBalance(), Deduction.FifoDeduction.SpendingOrder)
            .ToList();
        return new WalletAsOf(asOf, lastSequence == 0 ? 0 : balance, reserved, lastSequence, lastAt, held, read);
    }

    /// <summary>The same state from the entries alone, applied oldest first up to the instant (grant attributes from <paramref name="grants"/>).</summary>
    public static WalletAsOf Replay(IEnumerable<Grant> grants, IEnumerable<LedgerEntry> oldestFirst, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(oldestFirst);
        var byId = grants.ToDictionary(g => g.Id, StringComparer.Ordinal);
        var remaining = new Dictionary<string, long>(StringComparer.Ordinal);
        var heldBy = new Dictionary<string, long>(StringComparer.Ordinal);
        var unused = new HashSet<string>(StringComparer.Ordinal);
        long balance = 0, reserved = 0, sequence = 0;
        DateTimeOffset? lastAt = null;
        var read = 0;
        foreach (var entry in oldestFirst)
        {
            if (entry.CreatedAt > asOf)
            {
                break;
            }

            read++;
            Apply(entry, remaining, heldBy, unused, ref reserved, undo: false);
            balance = entry.BalanceAfter;
            sequence = entry.Sequence;
            lastAt = entry.CreatedAt;
        }

        var held = remaining.Where(r => r.Value > 0 && byId.ContainsKey(r.Key))
            .Select(r => byId[r.Key] with { Remaining = r.Value, Held = heldBy.GetValueOrDefault(r.Key), Status = GrantStatus.Open })
            .OrderBy(g => g.ToBalance(), Deduction.FifoDeduction.SpendingOrder)
            .ToList();
        return new WalletAsOf(asOf, balance, reserved, sequence, lastAt, held, read);
    }

    private static void Apply(LedgerEntry entry, Dictionary<string, long> remaining, Dictionary<string, long> held, HashSet<string> notYet, ref long reserved, bool undo)
    {
        var sign = undo ? -1 : 1;
        switch (entry.Type)
        {
            case LedgerEntryType.Credit:
                foreach (var draw in entry.Breakdown)
                {
                    remaining[draw.GrantId] = remaining.GetValueOrDefault(draw.GrantId) + (sign * draw.Amount);
                    if (undo)
                    {
                        notYet.Add(draw.GrantId); // undoing its CREDIT: before this entry the grant did not exist
                    }
                }

                break;
            case LedgerEntryType.Hold:
                reserved += sign * entry.Amount;
                Move(held, entry, sign);
                break;
            case LedgerEntryType.Release:
                reserved -= sign * entry.Amount;
                Move(held, entry, -sign);
                break;
            case LedgerEntryType.Debit or LedgerEntryType.Expire or LedgerEntryType.Adjustment:
                foreach (var draw in entry.Breakdown)
                {
                    remaining[draw.GrantId] = remaining.GetValueOrDefault(draw.GrantId) - (sign * draw.Amount);
                }

                if (entry.Type == LedgerEntryType.Debit && entry.HoldId is not null)
                {
                    reserved -= sign * entry.Amount; // a captured hold's credits leave the reservation
                    Move(held, entry, -sign);
                }

                break;
            default:
                throw new InvalidDataException($"Unknown ledger entry type {entry.Type}.");
        }
    }

    private static void Move(Dictionary<string, long> byGrant, LedgerEntry entry, long sign)
    {
        foreach (var draw in entry.Breakdown)
        {
            byGrant[draw.GrantId] = byGrant.GetValueOrDefault(draw.GrantId) + (sign * draw.Amount);
        }
    }
}
