using UnitPay.Benchmarks.Support;
using UnitPay.Core.Wallets;
using UnitPay.Testing;

namespace UnitPay.Benchmarks.Phases;

/// <summary>One customer, one wallet, every event on it: the contention the engine's lanes and group commit are for.</summary>
internal sealed record HotWallet(BenchApp App, Scenario Scenario, string WalletId)
{
    /// <summary>The ledger entries a hot wallet starts with: one CREDIT per grant.</summary>
    public const int GrantEntries = 2;

    /// <summary>Share of events sent twice (a client retrying its track call): each must still be applied once.</summary>
    public const double ResendShare = 0.02;

    /// <summary>
    /// A fresh app with a one-credit-a-unit feature and a customer holding two grants (the first is used up midway,
    /// so deductions cross from one grant to the next) that cover <paramref name="maxEvents"/> events of cost up to 3.
    /// </summary>
    public static async Task<HotWallet> CreateAsync(BenchApp app, int maxEvents)
    {
        ArgumentNullException.ThrowIfNull(app);
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1);
        await scenario.GrantAsync(app.Client, maxEvents, priority: 0);
        await scenario.GrantAsync(app.Client, (3L * maxEvents) + 1_000, priority: 10);
        return new HotWallet(app, scenario, WalletDirectory.WalletIdFor(app.OrgId, scenario.CustomerId, scenario.CurrencyId));
    }

    public TrackClient Tracker(SentUsage sent) => new(App.Client, Scenario.FeatureSlug, sent);

    /// <summary>Audits the hot wallet against the usage sent to it (event id to cost).</summary>
    public Task<AuditOutcome> AuditAsync(string phase, IReadOnlyDictionary<string, long> sent, Action<WalletRecord>? inspect = null) =>
        AuditOutcome.RunAsync(phase, App.Store, new Dictionary<string, IReadOnlyDictionary<string, long>> { [WalletId] = sent }, inspect: inspect);

    public IReadOnlyList<PlannedEvent> Plan(int events, int seed, string keyPrefix) =>
        UsagePlan.Create([Scenario.CustomerId], events, ResendShare, seed, keyPrefix);
}
