using System.Collections.Concurrent;
using System.Diagnostics;
using UnitPay.Contracts.Usage;
using UnitPay.Benchmarks.Support;
using UnitPay.Core.Usage;
using UnitPay.Testing;

namespace UnitPay.Benchmarks.Phases;

/// <summary>
/// The engine alone on one hot wallet: the messages the track API would enqueue (same ids, same packing) handed
/// straight to the app's <see cref="UsageProcessor"/> by as many callers as the worker phase's naive counterpart has
/// workers; no queue, no HTTP invocation. Set against the worker's figure, it shows what the trigger path costs.
/// </summary>
internal static class HotWalletEngineAlone
{
    public static async Task<(DrainFigures Figures, AuditOutcome Audit)> RunAsync(int events, int callers, TimeSpan timeout)
    {
        await using var app = await BenchApp.StartAsync();
        var hot = await HotWallet.CreateAsync(app, events);
        var sent = new SentUsage();
        var now = DateTimeOffset.UtcNow;
        var usage = hot.Plan(events, seed: 5, "engine").Select(planned =>
        {
            var eventId = UsageCodec.IdForKey(app.OrgId, planned.CustomerId, planned.Key);
            sent.Accepted(eventId, planned, now);
            return new UsageEvent
            {
                EventId = eventId,
                CustomerId = planned.CustomerId,
                FeatureSlug = hot.Scenario.FeatureSlug,
                Quantity = planned.Quantity,
                Timestamp = now,
                IdempotencyKey = planned.Key,
            };
        }).ToList();

        // Packed per 1,000 events, as the track API packs each call's events.
        var messages = new ConcurrentQueue<string>(usage.Chunk(1_000).SelectMany(call => UsageCodec.Pack(app.OrgId, call)));
        var processor = app.App.Service<UsageProcessor>();
        Progress.Say($"  {messages.Count:N0} messages of {usage.Count:N0} events ({events:N0} distinct) to UsageProcessor, {callers} callers");

        using var profile = PhaseProfile.Start(await SharedAzurite.GetAsync());
        using var deadline = new CancellationTokenSource(timeout);
        var before = app.Counters();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            while (messages.TryDequeue(out var message))
            {
                await processor.ProcessAsync(message, deadline.Token);
            }
        }));
        var figures = DrainFigures.Between(sent.Count, clock.Elapsed, before, app.Counters(), profile);
        Progress.Say($"  {figures.EventsPerSecond:N0} events/s; {figures.EventsPerTransaction:0.0} events a transaction");
        var audit = await hot.AuditAsync("hot wallet (engine alone)", sent.CostsOf(hot.Scenario.CustomerId));
        return (figures, audit);
    }
}
