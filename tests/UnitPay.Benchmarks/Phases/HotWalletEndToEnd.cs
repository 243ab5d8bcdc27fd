using System.Diagnostics;
using UnitPay.Benchmarks.Support;
using UnitPay.Testing;

namespace UnitPay.Benchmarks.Phases;

/// <summary>
/// One hot wallet end to end: track calls over HTTP (100 events each, 4 callers) while the app's trigger runner
/// deducts, timed from the first call to the last deduction. Meanwhile a caller times <c>POST /v1/check</c> on the same
/// customer; it is timed idle before (small tables) and after (tables as large as under load) to tell load from size.
/// Then a steady paced load (a quarter of the end-to-end rate, 10-event calls) measures lag when the worker keeps up.
/// </summary>
internal static class HotWalletEndToEnd
{
    private const int PacedBatch = 10;
    private const double MaxPacedRate = 2_000;

    public static async Task<(EndToEndFigures Figures, AuditOutcome Audit)> RunAsync(int events, int checks, TimeSpan pacedFor, TimeSpan timeout)
    {
        await using var app = await BenchApp.StartAsync();
        var hot = await HotWallet.CreateAsync(app, events + (int)(MaxPacedRate * pacedFor.TotalSeconds));
        var probe = new CheckProbe(app.Client, hot.Scenario.CustomerId, hot.Scenario.FeatureSlug);
        await probe.SampleAsync(20); // warm-up: connections, JIT, catalog cache
        var idle = await probe.SampleAsync(checks);
        Progress.Say($"  check idle: p50 {idle.P50:0.0} ms, p99 {idle.P99:0.0} ms");

        await using var triggers = await app.StartTriggersAsync();
        var sent = new SentUsage();
        var plan = hot.Plan(events, seed: 2, "e2e");
        Progress.Say($"  tracking {plan.Count:N0} events ({events:N0} distinct) in calls of 100 while the worker deducts");
        var profile = PhaseProfile.Start(await SharedAzurite.GetAsync());
        var before = app.Counters();
        var clock = Stopwatch.StartNew();
        DrainFigures drain;
        Latencies underLoad;
        using (profile)
        using (var loaded = new CancellationTokenSource())
        {
            var checking = probe.RunUntilAsync(loaded.Token);
            await hot.Tracker(sent).SendAllAsync(plan, batchSize: 100, concurrency: 4, CancellationToken.None);
            Progress.Say($"  all track calls answered after {clock.Elapsed.TotalSeconds:0.0} s");
            var elapsed = await Drain.UntilSequenceAsync(app, hot.WalletId, HotWallet.GrantEntries + sent.Count, clock, timeout);
            await loaded.CancelAsync();
            underLoad = await checking;
            drain = DrainFigures.Between(sent.Count, elapsed, before, app.Counters(), profile);
        }

        Progress.Say($"  {drain.EventsPerSecond:N0} events/s end to end; check under load p50 {underLoad.P50:0.0} ms, p99 {underLoad.P99:0.0} ms");
        var after = await probe.SampleAsync(checks);
        Progress.Say($"  check idle after the load (same table size): p50 {after.P50:0.0} ms, p99 {after.P99:0.0} ms");

        // The idle checks let the runner's polling back off to host.json's maxPollingInterval, a wait the first event
        // after any idle spell pays; one small call wakes it, so the lag below is that of a steady load.
        var wake = new SentUsage();
        await hot.Tracker(wake).SendAllAsync(UsagePlan.Create([hot.Scenario.CustomerId], PacedBatch, 0, seed: 6, "wake"), PacedBatch, 1, CancellationToken.None);
        await Drain.UntilSequenceAsync(app, hot.WalletId, HotWallet.GrantEntries + sent.Count + wake.Count, Stopwatch.StartNew(), timeout);

        var rate = Math.Clamp(drain.EventsPerSecond / 4, 100, MaxPacedRate);
        var paced = new SentUsage();
        var pacedPlan = UsagePlan.Create([hot.Scenario.CustomerId], (int)(rate * pacedFor.TotalSeconds), 0, seed: 3, "paced");
        Progress.Say($"  paced load: {rate:N0} events/s in calls of {PacedBatch} for {pacedFor.TotalSeconds:0} s");
        Latencies underPacedLoad;
        using (var loaded = new CancellationTokenSource())
        {
            var checking = probe.RunUntilAsync(loaded.Token);
            await hot.Tracker(paced).SendPacedAsync(pacedPlan, PacedBatch, rate, CancellationToken.None);
            await Drain.UntilSequenceAsync(app, hot.WalletId, HotWallet.GrantEntries + sent.Count + wake.Count + paced.Count, Stopwatch.StartNew(), timeout);
            await loaded.CancelAsync();
            underPacedLoad = await checking;
        }

        var lagPaced = new Latencies();
        var lagSaturated = new Latencies();
        var expected = new Dictionary<string, long>(sent.CostsOf(hot.Scenario.CustomerId), StringComparer.Ordinal);
        foreach (var (id, cost) in wake.CostsOf(hot.Scenario.CustomerId).Concat(paced.CostsOf(hot.Scenario.CustomerId)))
        {
            expected.Add(id, cost);
        }

        var audit = await hot.AuditAsync(
            "hot wallet (end to end)",
            expected,
            wallet =>
            {
                foreach (var outcome in wallet.Outcomes)
                {
                    if (paced.TryAcceptedAt(outcome.EventId, out var at))
                    {
                        lagPaced.Add(outcome.ProcessedAt - at);
                    }
                    else if (sent.TryAcceptedAt(outcome.EventId, out at))
                    {
                        lagSaturated.Add(outcome.ProcessedAt - at);
                    }
                }
            });
        Progress.Say($"  lag at the paced load: p50 {lagPaced.P50:0} ms, p99 {lagPaced.P99:0} ms");
        return (new EndToEndFigures(drain, idle, underLoad, after, underPacedLoad, rate, lagPaced, lagSaturated), audit);
    }
}
