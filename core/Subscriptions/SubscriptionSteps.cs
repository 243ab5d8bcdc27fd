using UnitPay.Core.Grants;
using UnitPay.Core.Plans;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Subscriptions;

/// <summary>
/// A subscription's schedule, as pure functions of the subscription and its plan. Its instants are the activation,
/// every cycle boundary (renewals), every UTC midnight while the plan has a daily rule, and the end (a cancellation
/// takes effect at a cycle boundary). At each instant:
/// <list type="bullet">
/// <item>a renewal rolls over the ending cycle's grants that await it, and the end expires them;</item>
/// <item>the activation and every renewal issue the per-cycle grants (expiring at the cycle's end by default);</item>
/// <item>the activation and every midnight issue the daily drips (expiring at the end of that day by default);</item>
/// <item>the activation issues the once grants.</item>
/// </list>
/// Nothing is issued at or after the end.
/// </summary>
public static class SubscriptionSteps
{
    /// <summary>The instant after <paramref name="at"/> in the subscription's schedule; null when it ends at <paramref name="at"/>.</summary>
    public static DateTimeOffset? NextAfter(Subscription subscription, Plan plan, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(plan);
        if (subscription.CancelAt is { } end && at >= end)
        {
            return null;
        }

        var next = BillingPeriods.NextBoundaryAfter(subscription.StartedAt, subscription.Interval, at);
        if (plan.CreditGrantRules.Any(r => r.Cadence == GrantCadence.Daily))
        {
            var midnight = BillingPeriods.NextMidnight(at);
            next = midnight < next ? midnight : next;
        }

        return subscription.CancelAt is { } cancelAt && cancelAt < next ? cancelAt : next;
    }

    /// <summary>What the subscription does at <paramref name="at"/>, an instant of its schedule.</summary>
    public static SubscriptionStep At(string orgId, Subscription subscription, Plan plan, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(plan);
        var anchor = subscription.StartedAt;
        var activation = at == anchor;
        var renewal = BillingPeriods.IsRenewal(anchor, subscription.Interval, at);
        var ends = subscription.CancelAt == at;
        (DateTimeOffset Start, DateTimeOffset End)? starting = (activation || renewal) && !ends
            ? (at, BillingPeriods.NextBoundaryAfter(anchor, subscription.Interval, at))
            : null;
        var dayStarts = (activation || at == BillingPeriods.StartOfDay(at)) && !ends;

        var byCurrency = new Dictionary<string, (List<CycleRollover> Rollovers, List<Grant> Grants)>(StringComparer.Ordinal);
        for (var i = 0; i < plan.CreditGrantRules.Count; i++)
        {
            var rule = plan.CreditGrantRules[i];
            if (!byCurrency.TryGetValue(rule.CreditCurrencyId, out var work))
            {
                byCurrency[rule.CreditCurrencyId] = work = ([], []);
            }

            var walletId = WalletDirectory.WalletIdFor(orgId, subscription.CustomerId, rule.CreditCurrencyId);
            var sourceRef = CycleGrantIds.SourceRef(subscription.Id, i);
            Grant NewGrant(GrantSource source, DateTimeOffset? defaultExpiry, bool awaitsRollover) => new()
            {
                Id = CycleGrantIds.ForRule(walletId, subscription.Id, i, at),
                Source = source,
                Amount = rule.Amount,
                Remaining = rule.Amount,
                Priority = rule.Priority,
                EffectiveAt = at,
                ExpiresAt = rule.ExpiresAfter is { } after ? after.AddTo(at) : defaultExpiry,
                SourceRef = sourceRef,
                AwaitsRollover = awaitsRollover,
                CreatedAt = at,
            };

            switch (rule.Cadence)
            {
                case GrantCadence.PerCycle:
                    if (rule.Rollover is { } policy && (renewal || ends))
                    {
                        var expiresAt = starting is { } next ? policy.ExpiresAfter?.AddTo(at) ?? next.End : (DateTimeOffset?)null;
                        work.Rollovers.Add(new CycleRollover(sourceRef, policy, expiresAt, expiresAt is not null && expiresAt == starting?.End));
                    }

                    if (starting is { } cycle)
                    {
                        work.Grants.Add(NewGrant(GrantSource.Plan, cycle.End, awaitsRollover: rule.Rollover is not null));
                    }

                    break;
                case GrantCadence.Daily:
                    if (dayStarts)
                    {
                        work.Grants.Add(NewGrant(GrantSource.Drip, BillingPeriods.NextMidnight(at), awaitsRollover: false));
                    }

                    break;
                case GrantCadence.Once:
                    if (activation)
                    {
                        work.Grants.Add(NewGrant(GrantSource.Plan, null, awaitsRollover: false));
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unknown cadence {rule.Cadence}.");
            }
        }

        var wallets = byCurrency
            .Where(w => w.Value.Rollovers.Count > 0 || w.Value.Grants.Count > 0 || renewal || ends) // a cycle's end also settles overage
            .Select(w => new WalletCycleStep
            {
                OrgId = orgId,
                CustomerId = subscription.CustomerId,
                SubscriptionId = subscription.Id,
                CreditCurrencyId = w.Key,
                WalletId = WalletDirectory.WalletIdFor(orgId, subscription.CustomerId, w.Key),
                At = at,
                EndsCycle = renewal || ends,
                EndsSubscription = ends,
                Rollovers = w.Value.Rollovers,
                NewGrants = w.Value.Grants,
            })
            .ToList();
        return new SubscriptionStep { At = at, StartingCycle = starting, EndsSubscription = ends, Wallets = wallets };
    }
}
