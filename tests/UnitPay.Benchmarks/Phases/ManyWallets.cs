using System.Diagnostics;
using UnitPay.Benchmarks.Support;
using UnitPay.Core.Storage;
using UnitPay.Core.Wallets;
using UnitPay.Testing;

namespace UnitPay.Benchmarks.Phases;

/// <summary>
/// Aggregate throughput: usage spread at random over many customers' wallets. The queue is filled through the track API
/// first (1,000-event calls, so each message holds events of hundreds of wallets), then the drain is timed.
/// </summary>
internal static class ManyWallets
{
    public static async Task<(DrainFigures Figures, AuditOutcome Audit)> RunAsync(int wallets, int eventsPerWallet, TimeSpan timeout)
    {
        await using var app = await BenchApp.StartAsync();
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1);
        Progress.Say($"  creating {wallets:N0} customers with a grant each, over the API");
        var customers = new string[wallets];
        customers[0] = scenario.CustomerId;
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8 };
        await Parallel.ForEachAsync(Enumerable.Range(1, wallets - 1), options, async (i, _) =>
        {
            var (status, customer) = await app.Client.PostAsync("/v1/customers", new { name = $"Customer {i}", externalId = $"bench_{i:D5}" });
            Scenario.Ensure(status, 201, customer);
            customers[i] = customer.Str("id");
        });

        // Random spread: a wallet may get several times the average, and every event must be covered.
        await Parallel.ForEachAsync(customers, options, async (customerId, _) =>
            await (scenario with { CustomerId = customerId }).GrantAsync(app.Client, (30L * eventsPerWallet) + 100));

        var sent = new SentUsage();
        var plan = UsagePlan.Create(customers, wallets * eventsPerWallet, HotWallet.ResendShare, seed: 4, "many");
        Progress.Say($"  filling the usage queue through the track API: {plan.Count:N0} events over {wallets:N0} wallets");
        await new TrackClient(app.Client, scenario.FeatureSlug, sent).SendAllAsync(plan, batchSize: 1_000, concurrency: 4, CancellationToken.None);
        var messages = (await app.Storage.UsageQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

        using var profile = PhaseProfile.Start(await SharedAzurite.GetAsync());
        var before = app.Counters();
        var clock = Stopwatch.StartNew();
        TimeSpan elapsed;
        await using (var triggers = await app.StartTriggersAsync())
        {
            elapsed = await Drain.UntilMessagesAsync(triggers, messages, clock, timeout);
        }

        var figures = DrainFigures.Between(sent.Count, elapsed, before, app.Counters(), profile);
        Progress.Say($"  {figures.EventsPerSecond:N0} events/s over {wallets:N0} wallets; {figures.EventsPerTransaction:0.0} events a transaction");
        var audit = AuditOutcome.Check(
            $"{wallets:N0} wallets",
            await WalletRecord.ReadTableAsync(app.Storage.Table(TableNames.Wallets), CancellationToken.None),
            sent.ByCustomer().ToDictionary(
                c => WalletDirectory.WalletIdFor(app.OrgId, c.Key, scenario.CurrencyId),
                c => (IReadOnlyDictionary<string, long>)c.Value,
                StringComparer.Ordinal));
        return (figures, audit);
    }
}
