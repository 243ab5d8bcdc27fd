using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Wallets;

namespace UnitPay.Testing;

/// <summary>
/// Checks a wallet's stored state against the guarantees of docs/INVARIANTS.md and against the usage a run sent it,
/// so a fast but wrong engine cannot pass: every sent event is debited exactly once at its cost, nothing else is
/// debited, the ledger chain is gapless, and the balance is the grants less the unique costs applied.
/// </summary>
public static class WalletAudit
{
    /// <summary>
    /// Every violation found (empty when all hold). <paramref name="sent"/> is the usage the run sent to this wallet,
    /// by event id, with its cost; every one of them is expected to be applied. <paramref name="grantsCarryBalance"/>
    /// is false for a writer that keeps the balance on the head only (the naive baseline does not touch grant rows).
    /// </summary>
    public static IReadOnlyList<string> Violations(WalletRecord wallet, IReadOnlyDictionary<string, long> sent, bool grantsCarryBalance = true)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        ArgumentNullException.ThrowIfNull(sent);
        var problems = new List<string>();
        var id = wallet.Head.WalletId;
        CheckChain(wallet, problems);
        CheckDebits(wallet, sent, problems);
        CheckMarkers(wallet, sent, problems);

        // The balance is the grants less the unique costs applied (less what expired or was voided, if anything did).
        var granted = wallet.Grants.Sum(g => g.Amount);
        var removed = wallet.Ledger.Where(e => e.Type is LedgerEntryType.Expire or LedgerEntryType.Adjustment).Sum(e => e.Amount);
        var expected = granted - sent.Values.Sum() - removed;
        if (wallet.Head.Balance != expected)
        {
            problems.Add($"{id}: balance {wallet.Head.Balance} is not grants {granted} less unique applied costs {sent.Values.Sum()} (less {removed} expired or voided) = {expected}");
        }

        if (grantsCarryBalance)
        {
            CheckGrants(wallet, problems);
        }

        return problems;
    }

    private static void CheckChain(WalletRecord wallet, List<string> problems)
    {
        var id = wallet.Head.WalletId;
        var before = 0L;
        for (var i = 0; i < wallet.Ledger.Count; i++)
        {
            var entry = wallet.Ledger[i];
            if (entry.Sequence != i + 1)
            {
                problems.Add($"{id}: ledger entry {i + 1} has sequence {entry.Sequence} (the sequence has a gap or a repeat)");
                return;
            }

            if (entry.BalanceBefore != before)
            {
                problems.Add($"{id}: entry {entry.Sequence} starts at {entry.BalanceBefore}, but the entry before it ended at {before}");
            }

            if (!Moves(entry))
            {
                problems.Add($"{id}: entry {entry.Sequence} ({entry.Type}, {entry.Amount}) goes from {entry.BalanceBefore} to {entry.BalanceAfter}");
            }

            if (entry.Breakdown.Count > 0 && entry.Breakdown.Sum(d => d.Amount) != entry.Amount)
            {
                problems.Add($"{id}: entry {entry.Sequence}'s breakdown sums to {entry.Breakdown.Sum(d => d.Amount)}, not {entry.Amount}");
            }

            before = entry.BalanceAfter;
        }

        if (wallet.Head.Balance != before || wallet.Head.LastSequence != wallet.Ledger.Count)
        {
            problems.Add($"{id}: head says balance {wallet.Head.Balance} at sequence {wallet.Head.LastSequence}; the ledger ends at {before} after {wallet.Ledger.Count} entries");
        }
    }

    private static void CheckDebits(WalletRecord wallet, IReadOnlyDictionary<string, long> sent, List<string> problems)
    {
        var id = wallet.Head.WalletId;
        var debits = wallet.Ledger.Where(e => e.Type == LedgerEntryType.Debit).ToList();
        foreach (var group in debits.GroupBy(d => d.EventId ?? string.Empty, StringComparer.Ordinal))
        {
            if (!sent.TryGetValue(group.Key, out var cost))
            {
                problems.Add($"{id}: {group.Count()} DEBIT(s) for event '{group.Key}', which was never sent");
            }
            else if (group.Count() != 1)
            {
                problems.Add($"{id}: event {group.Key} was debited {group.Count()} times");
            }
            else if (group.Single().Amount != cost)
            {
                problems.Add($"{id}: event {group.Key} was debited {group.Single().Amount}, but it costs {cost}");
            }
        }

        var debited = debits.Select(d => d.EventId).ToHashSet(StringComparer.Ordinal);
        var missing = sent.Where(s => s.Value > 0 && !debited.Contains(s.Key)).Select(s => s.Key).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"{id}: {missing.Count} sent event(s) have no DEBIT, e.g. {string.Join(", ", missing.Take(3))}");
        }
    }

    private static void CheckMarkers(WalletRecord wallet, IReadOnlyDictionary<string, long> sent, List<string> problems)
    {
        var id = wallet.Head.WalletId;
        var debitAt = wallet.Ledger.Where(e => e.Type == LedgerEntryType.Debit && e.EventId is not null)
            .GroupBy(e => e.EventId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Sequence, StringComparer.Ordinal);
        var marked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var outcome in wallet.Outcomes)
        {
            marked.Add(outcome.EventId);
            if (!sent.ContainsKey(outcome.EventId))
            {
                problems.Add($"{id}: a marker records event {outcome.EventId}, which was never sent");
            }
            else if (outcome.Status != EventOutcomeStatus.Applied)
            {
                problems.Add($"{id}: event {outcome.EventId} was {outcome.Status} ({outcome.Reason}), not applied");
            }
            else if (outcome.Amount > 0 && (!debitAt.TryGetValue(outcome.EventId, out var sequence) || outcome.LedgerSequence != sequence))
            {
                problems.Add($"{id}: event {outcome.EventId}'s marker points at entry {outcome.LedgerSequence}, not at its DEBIT");
            }
        }

        var unmarked = sent.Keys.Count(k => !marked.Contains(k));
        if (unmarked > 0)
        {
            problems.Add($"{id}: {unmarked} sent event(s) have no marker (the exactly-once guard was not written)");
        }
    }

    private static void CheckGrants(WalletRecord wallet, List<string> problems)
    {
        var id = wallet.Head.WalletId;
        var open = wallet.Grants.Where(g => g.Status == GrantStatus.Open).Sum(g => g.Remaining);
        if (open != wallet.Head.Balance + wallet.Head.Deficit)
        {
            problems.Add($"{id}: open grants hold {open}, but the balance is {wallet.Head.Balance}");
        }

        var drawn = wallet.Ledger.Where(e => e.Type != LedgerEntryType.Credit)
            .SelectMany(e => e.Breakdown)
            .GroupBy(d => d.GrantId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(d => d.Amount), StringComparer.Ordinal);
        foreach (var grant in wallet.Grants)
        {
            var taken = drawn.GetValueOrDefault(grant.Id);
            if (grant.Amount - grant.Remaining != taken)
            {
                problems.Add($"{id}: grant {grant.Id} has {grant.Remaining} of {grant.Amount} left, but the ledger drew {taken} from it");
            }
        }
    }

    private static bool Moves(LedgerEntry entry) => entry.Type switch
    {
        LedgerEntryType.Credit => entry.BalanceAfter == entry.BalanceBefore + entry.Amount,
        LedgerEntryType.Debit or LedgerEntryType.Expire => entry.BalanceAfter == entry.BalanceBefore - entry.Amount,
        LedgerEntryType.Adjustment => Math.Abs(entry.BalanceAfter - entry.BalanceBefore) == entry.Amount,
        _ => entry.BalanceAfter == entry.BalanceBefore,
    };
}
