using System.Diagnostics;
using UnitPay.Benchmarks.Support;
using UnitPay.Testing;

namespace UnitPay.Benchmarks.Phases;

/// <summary>
/// The queue worker alone on one hot wallet: the usage queue is filled through the track API first, with the trigger
/// runner off; then the runner starts and the drain is timed until the ledger holds every event.
/// </summary>
internal static class HotWalletWorker
{
    public static async Task<(DrainFigures Figures, AuditOutcome Audit)> RunAsync(int events, TimeSpan timeout)
    {
        await using var app = await BenchApp.StartAsync();
        var hot = await HotWallet.CreateAsync(app, events);
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
        var audit = await hot.AuditAsync("hot wallet (worker)", sent.CostsOf(hot.Scenario.CustomerId));
        return (figures, audit);
    }
}
