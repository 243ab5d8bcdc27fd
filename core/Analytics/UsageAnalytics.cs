using UnitPay.Core.Catalog;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Plans;
using UnitPay.Core.Results;
using UnitPay.Core.Subscriptions;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Analytics;

/// <summary>
/// Burn rate, runway and balances as of an instant, derived from what is stored. Both reads walk the wallet's ledger
/// newest first and stop at their point in time (the window's start, the instant), so their cost is the entries since
/// then, not the ledger's length.
/// </summary>
public sealed class UsageAnalytics(
    WalletEngine engine,
    WalletDirectory directory,
    WalletStore store,
    CatalogReader catalog,
    SubscriptionStore subscriptions,
    PlanStore plans,
    TimeProvider clock)
{
    public async Task<Outcome<BurnReport>> BurnRateAsync(string orgId, string customerRef, string creditCurrencyId, BurnWindow window, CancellationToken cancellationToken)
    {
        var customer = await catalog.CustomerAsync(orgId, customerRef, cancellationToken);
        if (customer is null)
        {
            return Failure.NotFound("Customer " + customerRef);
        }

        var currency = await catalog.CurrencyAsync(orgId, creditCurrencyId, cancellationToken);
        if (currency is null)
        {
            return Failure.NotFound("Credit currency " + creditCurrencyId);
        }

        var wallet = (await directory.ListAsync(orgId, customer.Id, cancellationToken)).FirstOrDefault(w => w.CurrencyId == currency.Id);
        var snapshot = wallet.WalletId is null ? null : await engine.ReadOwnedAsync(orgId, wallet.WalletId, cancellationToken);
        if (snapshot is null)
        {
            return Failure.NotFound($"Credit account of customer {customerRef} in {creditCurrencyId}");
        }

        return await BurnRateAsync(orgId, snapshot, currency, window, cancellationToken);
    }

    /// <summary>The burn report of a wallet already read (the portal reads its wallets once).</summary>
    public async Task<BurnReport> BurnRateAsync(string orgId, WalletSnapshot snapshot, CreditCurrency currency, BurnWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var now = clock.GetUtcNow();
        var start = window.StartAt(now);
        var entries = new List<LedgerEntry>();
        var read = 0;
        await foreach (var entry in store.StreamLedgerNewestFirstAsync(snapshot.Head.WalletId, cancellationToken))
        {
            read++;
            if (entry.CreatedAt < start)
            {
                break; // older than the window: so is everything after it
            }

            entries.Add(entry);
        }

        var burn = BurnRate.Summarize(entries, window, now);
        var view = WalletView.At(snapshot, now);
        var scheduled = await ScheduledAsync(orgId, snapshot.Head.CustomerId, currency.Id, now, cancellationToken);
        var grants = view.OpenGrants.Select(g => new FutureGrant(g.Id, g.Free, g.Priority, g.EffectiveAt, g.ExpiresAt)).Concat(scheduled).ToList();
        var runway = Runway.Project(grants, view.Deficit, burn.AverageDaily, now);
        var perFeature = burn.Features.ToDictionary(f => f.FeatureSlug, f => Runway.Project(grants, view.Deficit, f.AverageDaily, now), StringComparer.Ordinal);
        return new BurnReport(view, currency, burn, runway, perFeature, scheduled.Count, read, now);
    }

    /// <summary>
    /// The wallet as its ledger stood at <paramref name="asOf"/>: the current head and grants, with every entry written
    /// after the instant undone, newest first (see <see cref="LedgerRewind"/>). Grants closed since are read by id.
    /// </summary>
    public async Task<Outcome<(WalletHead Head, WalletAsOf State)>> BalanceAsOfAsync(string orgId, string walletId, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var at = asOf ?? now;
        if (at > now)
        {
            return Failure.Validation("asOf", "asOf must not be in the future.");
        }

        var snapshot = await engine.ReadOwnedAsync(orgId, walletId, cancellationToken);
        if (snapshot is null)
        {
            return Failure.NotFound("Credit account " + walletId);
        }

        var head = snapshot.Head;
        var after = new List<LedgerEntry>();
        await foreach (var entry in store.StreamLedgerNewestFirstAsync(walletId, cancellationToken))
        {
            if (entry.Sequence > head.LastSequence)
            {
                continue; // written after the head was read
            }

            after.Add(entry);
            if (entry.CreatedAt <= at)
            {
                break;
            }
        }

        var grants = snapshot.OpenGrants.Values.Select(g => g.Grant).ToDictionary(g => g.Id, StringComparer.Ordinal);
        var named = after.SelectMany(e => e.Breakdown.Select(d => d.GrantId)).Where(id => !grants.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var grant in await Task.WhenAll(named.Select(id => store.ReadGrantAsync(walletId, id, cancellationToken))))
        {
            if (grant is not null)
            {
                grants[grant.Id] = grant;
            }
        }

        var state = LedgerRewind.Rewind(head.Balance, head.Reserved, head.LastSequence, grants.Values, after, at);
        return (head, state);
    }

    private async Task<IReadOnlyList<FutureGrant>> ScheduledAsync(string orgId, string customerId, string currencyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var subs = await subscriptions.ListByCustomerAsync(orgId, customerId, cancellationToken);
        var withPlans = new List<(Subscription, Plan)>();
        foreach (var sub in subs.Where(s => s.Status == SubscriptionStatus.Active))
        {
            if (await plans.GetAsync(orgId, sub.PlanId, cancellationToken) is { } plan)
            {
                withPlans.Add((sub, plan));
            }
        }

        return ScheduledGrants.For(withPlans, currencyId, now, Runway.DefaultHorizonDays);
    }
}
