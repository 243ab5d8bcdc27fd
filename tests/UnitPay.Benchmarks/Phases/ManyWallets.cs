using System.Diagnostics;
using UnitPay.Benchmarks.Support;
using UnitPay.Core.Customers;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Storage;
using UnitPay.Core.Wallets;
using UnitPay.Testing;

namespace UnitPay.Benchmarks.Phases;

/// <summary>
/// Aggregate throughput: usage spread at random over many customers' wallets. The queue is filled through the track API
/// first (1,000-event calls, so each message holds events of hundreds of wallets), then the drain is timed. Then,
/// when <c>pacedFor</c> is given, a steady paced load of a quarter of the drain's rate over the same wallets in
/// 10-event calls, for the lag from a track call's answer to the event's deduction when the worker keeps up. Every
/// wallet is audited, those that got no usage included.
/// </summary>
internal static class ManyWallets
{
    private const int PacedBatch = 10;

    public static async Task<(ManyWalletsFigures Figures, AuditOutcome Audit)> RunAsync(int wallets, int eventsPerWallet, TimeSpan? pacedFor, TimeSpan timeout, int walletAccounts = 1)
    {
        var setUpClock = Stopwatch.StartNew();
        await using var app = await BenchApp.StartAsync(walletAccounts);
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1);
        // The set-up goes through the same core services the API calls (customer store, CreditAccountService's
        // grant), in-process without HTTP, so 10,000 wallets are ready in seconds; only the drain is measured.
        Progress.Say($"  creating {wallets:N0} customers with a grant each, through the core services");
        var customerStore = app.App.Service<CustomerStore>();
        var accounts = app.App.Service<CreditAccountService>();
        var customers = new string[wallets];
        customers[0] = scenario.CustomerId;
        await Parallel.ForEachAsync(Enumerable.Range(0, wallets), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            if (i > 0)
            {
                // No external id: all of an organization's customers share one partition, and on Azurite each insert
                // into it costs more as it grows (an external id is a second row per customer).
                var customer = new Customer { Id = Ids.New("cus", TimeProvider.System), Name = $"Customer {i}", CreatedAt = DateTimeOffset.UtcNow };
                if (!await customerStore.TryCreateAsync(app.OrgId, customer, ct))
                {
                    throw new InvalidOperationException($"Customer {i} could not be created.");
                }

                customers[i] = customer.Id;
            }

            // Random spread: a wallet may get several times the average, and every event must be covered (the paced
            // load adds about a quarter of the drain's events per second for its duration, over the same wallets).
            var granted = await accounts.GrantAsync(app.OrgId, new GrantRequest { CustomerId = customers[i], CreditCurrencyId = scenario.CurrencyId, Amount = (30L * eventsPerWallet) + 300 }, ct);
            if (!granted.IsSuccess)
            {
                throw new InvalidOperationException($"The grant of customer {i} failed: {granted.Failure}");
            }
        });

        var setUp = setUpClock.Elapsed;

        var sent = new SentUsage();
        var plan = UsagePlan.Create(customers, wallets * eventsPerWallet, HotWallet.ResendShare, seed: 4, "many");
        Progress.Say($"  filling the usage queue through the track API: {plan.Count:N0} events over {wallets:N0} wallets");
        await new TrackClient(app.Client, scenario.FeatureSlug, sent).SendAllAsync(plan, batchSize: 1_000, concurrency: 4, CancellationToken.None);
        var messages = (await app.Storage.UsageQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

        var paced = new SentUsage();
        var wake = new SentUsage();
        var rate = 0.0;
        DrainFigures figures;
        DrainFigures? pacedFigures = null;
        int limitAfterDrain;
        await using (var triggers = await app.StartTriggersAsync())
        {
            using (var profile = PhaseProfile.Start(await SharedAzurite.GetAsync(), app.WalletAzurites))
            {
                var before = app.Counters();
                var clock = Stopwatch.StartNew();
                var elapsed = await Drain.UntilMessagesAsync(triggers, messages, clock, timeout);
                figures = DrainFigures.Between(sent.Count, elapsed, before, app.Counters(), profile);
            }

            limitAfterDrain = app.Engine.StoreLimit.Limit;
            Progress.Say($"  {figures.EventsPerSecond:N0} events/s over {wallets:N0} wallets; {figures.EventsPerTransaction:0.0} events a transaction, {figures.EntitiesPerEvent:0.00} entity writes an event; store bound {limitAfterDrain}");

            if (pacedFor is { } duration)
            {
                // A small call first, so the runner polls at its busy pace (an idle runner backs off to
                // maxPollingInterval, a wait only the first event after an idle spell pays).
                var done = messages;
                await new TrackClient(app.Client, scenario.FeatureSlug, wake).SendAllAsync(UsagePlan.Create(customers, PacedBatch, 0, seed: 6, "manywake"), PacedBatch, 1, CancellationToken.None);
                done += 1;
                await Drain.UntilMessagesAsync(triggers, done, Stopwatch.StartNew(), timeout);

                rate = Math.Max(100, figures.EventsPerSecond / 4);
                var pacedPlan = UsagePlan.Create(customers, (int)(rate * duration.TotalSeconds), 0, seed: 5, "manypaced");
                Progress.Say($"  paced load over {wallets:N0} wallets: {rate:N0} events/s in calls of {PacedBatch} for {duration.TotalSeconds:0} s");
                using (var profile = PhaseProfile.Start(await SharedAzurite.GetAsync(), app.WalletAzurites))
                {
                    var before = app.Counters();
                    var clock = Stopwatch.StartNew();
                    await new TrackClient(app.Client, scenario.FeatureSlug, paced).SendPacedAsync(pacedPlan, PacedBatch, rate, CancellationToken.None);
                    done += pacedPlan.Chunk(PacedBatch).Count();
                    await Drain.UntilMessagesAsync(triggers, done, Stopwatch.StartNew(), timeout);
                    pacedFigures = DrainFigures.Between(pacedPlan.Count, clock.Elapsed, before, app.Counters(), profile);
                }

                var pacedTx = pacedFigures.Profile.Of(PhaseProfile.TableWrites);
                Progress.Say($"  paced part: {pacedFigures.TransactionsPerSecond:N0} transactions/s, {pacedFigures.EventsPerTransaction:0.00} events a transaction, tx p50/p99 {pacedTx.P50Ms:0}/{pacedTx.P99Ms:0} ms, app {pacedFigures.Profile.AppCores:P0} of a core, Azurite {pacedFigures.Profile.AzuriteCores:P0}, pressure {pacedFigures.Profile.CpuPressureShare:P0}");
            }
        }

        var lagPaced = new Latencies();
        var byCustomer = customers.ToDictionary(c => c, _ => new Dictionary<string, long>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (customerId, events) in new[] { sent, wake, paced }.SelectMany(s => s.ByCustomer()))
        {
            foreach (var (eventId, cost) in events)
            {
                byCustomer[customerId][eventId] = cost;
            }
        }

        var sentByWallet = byCustomer.ToDictionary(
            c => WalletDirectory.WalletIdFor(app.OrgId, c.Key, scenario.CurrencyId),
            c => (IReadOnlyDictionary<string, long>)c.Value,
            StringComparer.Ordinal);
        var audit = AuditOutcome.Check(
            $"{wallets:N0} wallets",
            await app.ReadAllWalletsAsync(),
            sentByWallet,
            inspect: wallet =>
            {
                foreach (var outcome in wallet.Outcomes)
                {
                    if (paced.TryAcceptedAt(outcome.EventId, out var at))
                    {
                        lagPaced.Add(outcome.ProcessedAt - at);
                    }
                }
            });
        if (lagPaced.Count > 0)
        {
            Progress.Say($"  lag at the paced load: p50 {lagPaced.P50:0} ms, p99 {lagPaced.P99:0} ms");
        }

        return (new ManyWalletsFigures(wallets, figures, setUp, rate, lagPaced, limitAfterDrain, pacedFigures), audit);
    }
}
