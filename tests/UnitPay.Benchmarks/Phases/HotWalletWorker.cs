using System.Diagnostics;
using UnitPay.Benchmarks.Support;
using UnitPay.Testing;

namespace UnitPay.Benchmarks.Phases;

/// <summary>
/// The queue worker alone on one hot wallet: the usage queue is filled through the track API first, with the trigger
/// runner off; then the runner starts and the drain is timed until the ledger holds every event. With
/// <c>autoTopUpRule</c> the wallet has an auto top-up rule whose threshold the drain crosses once, about five sixths of
/// the way through (the customer has no payment method, so the one firing records a skipped attempt): set against the
/// same drain without a rule, it shows what watching a threshold costs the hot path.
/// </summary>
internal static class HotWalletWorker
{
    public static async Task<(DrainFigures Figures, AuditOutcome Audit)> RunAsync(int events, TimeSpan timeout, bool autoTopUpRule = false)
    {
        await using var app = await BenchApp.StartAsync();
        var hot = await HotWallet.CreateAsync(app, events);
        if (autoTopUpRule)
        {
            await SetRuleAsync(app, hot, events);
        }

        var sent = new SentUsage();
        var plan = hot.Plan(events, seed: 1, "worker");
        Progress.Say($"  filling the usage queue through the track API: {plan.Count:N0} events ({events:N0} distinct)");
        await hot.Tracker(sent).SendAllAsync(plan, batchSize: 1_000, concurrency: 4, CancellationToken.None);

        using var profile = PhaseProfile.Start(await SharedAzurite.GetAsync());
        var before = app.Counters();
        var clock = Stopwatch.StartNew();
        TimeSpan elapsed;
        await using (await app.StartTriggersAsync())
        {
            elapsed = await Drain.UntilSequenceAsync(app, hot.WalletId, HotWallet.GrantEntries + sent.Count, clock, timeout);
        }

        var figures = DrainFigures.Between(sent.Count, elapsed, before, app.Counters(), profile);
        Progress.Say($"  {figures.EventsPerSecond:N0} events/s; {figures.EventsPerTransaction:0.0} events a transaction, {figures.EntitiesPerEvent:0.00} entity writes an event");
        var audit = await hot.AuditAsync(autoTopUpRule ? "hot wallet with an auto top-up rule (worker)" : "hot wallet (worker)", sent.CostsOf(hot.Scenario.CustomerId));
        return (figures, audit);
    }

    /// <summary>A package rule through the public API; the wallet starts at 4x the events + 1,000 and loses about 2 an event.</summary>
    private static async Task SetRuleAsync(BenchApp app, HotWallet hot, int events)
    {
        var (status, package) = await app.Client.PostAsync("/v1/credit-packages", new
        {
            name = "Refill",
            creditCurrencyId = hot.Scenario.CurrencyId,
            credits = 1_000,
            price = new { amount = 500, currency = "usd" },
        });
        Scenario.Ensure(status, 201, package);
        var threshold = (2L * events) + 1_000 + (events / 3);
        var (put, rule) = await app.Client.PutJsonAsync(
            $"/v1/customers/{hot.Scenario.CustomerId}/auto-topup-rules/{hot.Scenario.CurrencyId}",
            new { mode = "package", threshold, creditPackageId = package.Str("id") });
        Scenario.Ensure(put, 200, rule);
    }
}
