using System.Globalization;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Subscriptions;

/// <summary>
/// One wallet's cycle transition, as a pure decision on a <see cref="WalletSession"/> that the caller commits as ONE
/// wallet transaction (so it happens entirely or not at all). The order is fixed:
/// <list type="number">
/// <item>the ending cycle's grants that await rollover roll over: <c>percentage</c> of the remainder (rounded down)
/// leaves the old grant (EXPIRE / ROLLOVER) into a new rollover grant (CREDIT / ROLLOVER, priority 5,
/// parentGrantId and rolloverCount set), and the rest is forfeited (EXPIRE / ROLLOVER_FORFEIT); when the
/// subscription ends instead, they expire (EXPIRE / EXPIRATION);</item>
/// <item>the ending cycle's overage is settled (<see cref="WalletSession.SettleOverageAtReset"/>: forgive, or clear what
/// was invoiced; a carried deficit stays), between the two, so that a carried deficit is repaid from the new cycle's
/// grant;</item>
/// <item>the new grants are issued (CREDIT / GRANT).</item>
/// </list>
/// Re-applying a step changes nothing: grants already rolled over are closed, and a grant the session still holds
/// is not issued twice. A grant of the step that exists but is closed (for example used up) is not in the session,
/// so the transaction re-inserts it and the store refuses it (409): the caller treats that as "already applied".
/// </summary>
public static class CycleTransition
{
    /// <param name="session">The wallet, as one transaction.</param>
    /// <param name="step">What this instant does to the wallet.</param>
    /// <param name="now">The time of the transaction.</param>
    /// <param name="invoice">For an <c>invoice_at_billing</c> deficit: the invoice line already recorded for this cycle's
    /// overage and how many credits it bills (the reset clears that many, at most).</param>
    public static CycleTransitionResult Apply(WalletSession session, WalletCycleStep step, DateTimeOffset now, (string LineId, long Credits)? invoice = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(step);
        var issued = new List<Grant>();
        var (rolled, forfeited) = RollOver(session, step, now, issued);

        // The ending cycle's overage: after the rollovers, before the new grants (so a carried deficit is repaid by them).
        var overage = step.EndsCycle
            ? session.SettleOverageAtReset(step.At, now, invoice?.Credits ?? 0, invoice?.LineId)
            : null;
        var already = IssueNewGrants(session, step, now, issued);
        return new CycleTransitionResult(rolled, forfeited, issued, already, overage);
    }

    private static (long Rolled, long Forfeited) RollOver(WalletSession session, WalletCycleStep step, DateTimeOffset now, List<Grant> issued)
    {
        long rolledTotal = 0, forfeitedTotal = 0;
        foreach (var rule in step.Rollovers)
        {
            var due = session.Grants
                .Where(g => g.Status == GrantStatus.Open && g.AwaitsRollover && g.SourceRef == rule.SourceRef && g.ExpiresAt <= step.At)
                .OrderBy(g => g.RolloverCount).ThenBy(g => g.EffectiveAt).ThenBy(g => g.Id, StringComparer.Ordinal)
                .ToList();
            foreach (var grant in due)
            {
                if (rule.RolloverExpiresAt is not { } expiresAt)
                {
                    if (grant.Free > 0)
                    {
                        forfeitedTotal += grant.Free;
                        session.ExpireFromGrant(grant.Id, grant.Free, LedgerReason.Expiration, now);
                    }

                    session.EndRolloverWait(grant.Id);
                    continue;
                }

                // Credits held by an open reservation stay with it; only the free remainder rolls over.
                var rolled = checked(grant.Free * rule.Policy.Percentage) / 100;
                if (rolled > 0)
                {
                    var child = new Grant
                    {
                        Id = CycleGrantIds.RolloverOf(grant.Id),
                        Source = GrantSource.Rollover,
                        Amount = rolled,
                        Remaining = rolled,
                        Priority = GrantSources.DefaultPriority(GrantSource.Rollover),
                        EffectiveAt = step.At,
                        ExpiresAt = expiresAt,
                        SourceRef = grant.SourceRef,
                        ParentGrantId = grant.Id,
                        RolloverCount = grant.RolloverCount + 1,
                        AwaitsRollover = rule.RollsAgain && grant.RolloverCount + 1 < rule.Policy.MaxCount,
                        CreatedAt = now,
                    };
                    session.ExpireFromGrant(grant.Id, rolled, LedgerReason.Rollover, now, Link("rolledInto", child.Id));
                    session.AddGrant(child, LedgerReason.Rollover, now);
                    issued.Add(child);
                    rolledTotal += rolled;
                }

                var rest = grant.Free - rolled;
                if (rest > 0)
                {
                    session.ExpireFromGrant(grant.Id, rest, LedgerReason.RolloverForfeit, now, Link("rolloverPercentage", rule.Policy.Percentage.ToString(CultureInfo.InvariantCulture)));
                    forfeitedTotal += rest;
                }

                session.EndRolloverWait(grant.Id); // credits still held go back to an expired grant later, and expire then
            }
        }

        return (rolledTotal, forfeitedTotal);
    }

    private static List<string> IssueNewGrants(WalletSession session, WalletCycleStep step, DateTimeOffset now, List<Grant> issued)
    {
        var already = new List<string>();
        foreach (var planned in step.NewGrants)
        {
            if (session.Grants.Any(g => g.Id == planned.Id))
            {
                already.Add(planned.Id);
                continue;
            }

            var grant = planned with { CreatedAt = now };
            session.AddGrant(grant, LedgerReason.Grant, now);
            issued.Add(grant);
        }

        return already;
    }

    private static Dictionary<string, string> Link(string key, string value) => new(StringComparer.Ordinal) { [key] = value };
}
