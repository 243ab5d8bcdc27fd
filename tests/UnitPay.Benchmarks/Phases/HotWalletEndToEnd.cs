using System.Diagnostics;
using UnitPay.Benchmarks.Support;
using UnitPay.Testing;

namespace UnitPay.Benchmarks.Phases;

/// <summary>
/// One hot wallet end to end: track calls over HTTP (100 events each, 4 callers) while the app's trigger runner
/// deducts, timed from the first call to the last deduction. First with a caller timing <c>POST /v1/check</c> on the
/// same customer back to back (checks idle before, under that load, and idle after, when the tables are as large: on
/// Azurite a read's cost grows with the table); then the same load alone, for the throughput; then a steady paced load
/// (a quarter of that rate, 10-event calls) for the lag when the worker keeps up.
/// </summary>
internal static class HotWalletEndToEnd
{
    private const int Batch = 100;
    private const int PacedBatch = 10;
    private const double MaxPacedRate = 2_000;

    public static async Task<(EndToEndFigures Figures, AuditOutcome Audit)> RunAsync(int events, int checks, TimeSpan pacedFor, TimeSpan timeout)
    {
        await using var app = await BenchApp.StartAsync();
        var checkedEvents = events; // two equal runs, with and without the checking caller
        var hot = await HotWallet.CreateAsync(app, events + checkedEvents + (int)(MaxPacedRate * pacedFor.TotalSeconds));
        var probe = new CheckProbe(app.Client, hot.Scenario.CustomerId, hot.Scenario.FeatureSlug);
        await probe.SampleAsync(20); // warm-up: connections, JIT, catalog cache
        var idle = await probe.SampleAsync(checks);
        Progress.Say($"  check idle: p50 {idle.P50:0.0} ms, p99 {idle.P99:0.0} ms");
        await using var triggers = await app.StartTriggersAsync();
        var sentSoFar = 0;

        var whileChecking = new SentUsage();
        Progress.Say($"  tracking {checkedEvents:N0} events in calls of {Batch} while a caller checks back to back");
        DrainFigures drainWhileChecking;
        Latencies underLoad;
        using (var loaded = new CancellationTokenSource())
        {
            var checking = probe.RunUntilAsync(loaded.Token);
            drainWhileChecking = await TrackAndDrainAsync(hot, hot.Plan(checkedEvents, seed: 7, "checked"), whileChecking, sentSoFar, timeout);
            await loaded.CancelAsync();
            underLoad = await checking;
        }

        sentSoFar += whileChecking.Count;
        Progress.Say($"  {drainWhileChecking.EventsPerSecond:N0} events/s end to end; check under load p50 {underLoad.P50:0.0} ms, p99 {underLoad.P99:0.0} ms");
        var after = await probe.SampleAsync(checks);
        Progress.Say($"  check idle after the load (same table size): p50 {after.P50:0.0} ms, p99 {after.P99:0.0} ms");

        var sent = new SentUsage();
        Progress.Say($"  tracking {events:N0} events in calls of {Batch}, nothing else going on");
        var drain = await TrackAndDrainAsync(hot, hot.Plan(events, seed: 2, "e2e"), sent, sentSoFar, timeout);
        sentSoFar += sent.Count;
        Progress.Say($"  {drain.EventsPerSecond:N0} events/s end to end");

        // The idle checks let the runner's polling back off to host.json's maxPollingInterval, a wait the first event
        // after any idle spell pays; one small call wakes it, so the lag below is that of a steady load.
        var wake = new SentUsage();
        await hot.Tracker(wake).SendAllAsync(UsagePlan.Create([hot.Scenario.CustomerId], PacedBatch, 0, seed: 6, "wake"), PacedBatch, 1, CancellationToken.None);
        sentSoFar += wake.Count;
        await Drain.UntilSequenceAsync(app, hot.WalletId, HotWallet.GrantEntries + sentSoFar, Stopwatch.StartNew(), timeout);

        var rate = Math.Clamp(drain.EventsPerSecond / 4, 100, MaxPacedRate);
        var paced = new SentUsage();
        var pacedPlan = UsagePlan.Create([hot.Scenario.CustomerId], (int)(rate * pacedFor.TotalSeconds), 0, seed: 3, "paced");
        // No checking caller here: on Azurite its reads scan the (by now large) table on Azurite's one thread, and the
        // lag would measure that instead of the worker.
        Progress.Say($"  paced load: {rate:N0} events/s in calls of {PacedBatch} for {pacedFor.TotalSeconds:0} s");
        await hot.Tracker(paced).SendPacedAsync(pacedPlan, PacedBatch, rate, CancellationToken.None);
        sentSoFar += paced.Count;
        await Drain.UntilSequenceAsync(app, hot.WalletId, HotWallet.GrantEntries + sentSoFar, Stopwatch.StartNew(), timeout);

        var lagPaced = new Latencies();
        var lagSaturated = new Latencies();
        var audit = await hot.AuditAsync(
            "hot wallet (end to end)",
            new[] { whileChecking, sent, wake, paced }.SelectMany(s => s.CostsOf(hot.Scenario.CustomerId)).ToDictionary(StringComparer.Ordinal),
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
        return (new EndToEndFigures(drain, drainWhileChecking, idle, underLoad, after, rate, lagPaced, lagSaturated), audit);
    }

    /// <summary>Tracks <paramref name="plan"/> as fast as the API answers and times it from the first call to the last deduction.</summary>
    private static async Task<DrainFigures> TrackAndDrainAsync(HotWallet hot, IReadOnlyList<PlannedEvent> plan, SentUsage sent, int appliedBefore, TimeSpan timeout)
    {
        using var profile = PhaseProfile.Start(await SharedAzurite.GetAsync());
        var before = hot.App.Counters();
        var clock = Stopwatch.StartNew();
        await hot.Tracker(sent).SendAllAsync(plan, Batch, concurrency: 4, CancellationToken.None);
        Progress.Say($"  all track calls answered after {clock.Elapsed.TotalSeconds:0.0} s");
        var elapsed = await Drain.UntilSequenceAsync(hot.App, hot.WalletId, HotWallet.GrantEntries + appliedBefore + sent.Count, clock, timeout);
        return DrainFigures.Between(sent.Count, elapsed, before, hot.App.Counters(), profile);
    }
}
