using System.Globalization;
using UnitPay.Core.Plans;
using UnitPay.Core.Subscriptions;

namespace UnitPay.Core.Analytics;

/// <summary>
/// The grants a customer's subscriptions will issue into one credit currency within a horizon, as the cycle timer
/// issues them: each renewal's per_cycle grant (expiring at the end of its cycle unless the rule says otherwise) and
/// each day's drip (expiring at midnight). Nothing is scheduled past a cancellation. Rollover is not counted: what
/// rolls over depends on what is left then, and leaving it out errs on the short side.
/// </summary>
public static class ScheduledGrants
{
    public static IReadOnlyList<FutureGrant> For(
        IEnumerable<(Subscription Subscription, Plan Plan)> subscriptions,
        string creditCurrencyId,
        DateTimeOffset now,
        int horizonDays)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        var end = now.AddDays(horizonDays);
        var grants = new List<FutureGrant>();
        foreach (var (subscription, plan) in subscriptions)
        {
            if (subscription.Status != SubscriptionStatus.Active)
            {
                continue;
            }

            var stop = subscription.CancelAt is { } cancel && cancel < end ? cancel : end;
            for (var r = 0; r < plan.CreditGrantRules.Count; r++)
            {
                var rule = plan.CreditGrantRules[r];
                if (rule.CreditCurrencyId != creditCurrencyId)
                {
                    continue;
                }

                switch (rule.Cadence)
                {
                    case GrantCadence.PerCycle:
                        for (var at = BillingPeriods.NextBoundaryAfter(subscription.StartedAt, subscription.Interval, now); at < stop;
                             at = BillingPeriods.NextBoundaryAfter(subscription.StartedAt, subscription.Interval, at))
                        {
                            var cycleEnd = BillingPeriods.NextBoundaryAfter(subscription.StartedAt, subscription.Interval, at);
                            grants.Add(Grant(subscription, r, rule, at, cycleEnd));
                        }

                        break;
                    case GrantCadence.Daily:
                        for (var at = BillingPeriods.NextMidnight(now); at < stop; at = at.AddDays(1))
                        {
                            grants.Add(Grant(subscription, r, rule, at, at.AddDays(1)));
                        }

                        break;
                    default:
                        break; // a once rule was granted at activation
                }
            }
        }

        return grants;
    }

    private static FutureGrant Grant(Subscription subscription, int rule, CreditGrantRule r, DateTimeOffset at, DateTimeOffset defaultExpiry) => new(
        string.Create(CultureInfo.InvariantCulture, $"scheduled_{subscription.Id}_{rule}_{at:yyyyMMddHHmmss}"),
        r.Amount,
        r.Priority,
        at,
        r.ExpiresAfter is { } after ? after.AddTo(at) : defaultExpiry);
}
