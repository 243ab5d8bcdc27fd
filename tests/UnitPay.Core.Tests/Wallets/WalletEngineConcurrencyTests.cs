using System.Collections.Concurrent;
using UnitPay.Contracts.Usage;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Storage;
using UnitPay.Core.Usage;
using UnitPay.Core.Wallets;
using UnitPay.Testing;

namespace UnitPay.Core.Tests.Wallets;

/// <summary>Many independent workers, one hot wallet, redelivered events: the invariants hold after every run.</summary>
public sealed class WalletEngineConcurrencyTests
{
    [Fact]
    public async Task Eight_workers_with_redelivery_apply_each_event_exactly_once()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_LOCAL_TRIGGERS"] = "false" });
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1);
        long[] grants = [6_000, 4_000, 10_000];
        foreach (var (amount, i) in grants.Select((a, i) => (a, i)))
        {
            await scenario.GrantAsync(app.Client, amount, priority: 10 * i);
        }

        var orgId = (await app.Service<UnitPay.Core.Organizations.OrganizationStore>().FindOrgIdByKeyAsync(app.ApiKey, CancellationToken.None))!;
        var random = new Random(1234);
        var events = Enumerable.Range(0, 5_000).Select(i => new UsageEvent
        {
            EventId = $"evt_test{i:D6}",
            CustomerId = scenario.CustomerId,
            FeatureSlug = scenario.FeatureSlug,
            Quantity = random.Next(1, 4),
        }).ToList();

        // Every event once, in messages of 50; then 12% of the events again, re-packed into other messages; then
        // ten whole messages redelivered as they were. All of it shuffled.
        var messages = events.Chunk(50).Select(c => Message(orgId, c)).ToList();
        var again = events.OrderBy(_ => random.Next()).Take(600).Chunk(37).Select(c => Message(orgId, c)).ToList();
        var redelivered = messages.OrderBy(_ => random.Next()).Take(10).ToList();
        var deliveries = new ConcurrentQueue<string>(messages.Concat(again).Concat(redelivered).OrderBy(_ => random.Next()));

        var options = app.Service<StorageOptions>();
        var workers = Enumerable.Range(0, 8).Select(_ => new EngineWorker(options)).ToList();
        var summaries = new ConcurrentBag<ProcessSummary>();
        await Task.WhenAll(workers.SelectMany(w => Enumerable.Range(0, 3).Select(async _ =>
        {
            while (deliveries.TryDequeue(out var message))
            {
                summaries.Add(await w.Processor.ProcessAsync(message, CancellationToken.None));
            }
        })));

        var walletId = WalletDirectory.WalletIdFor(orgId, scenario.CustomerId, scenario.CurrencyId);
        var store = workers[0].Store;
        var ledger = await store.ReadWholeLedgerAsync(walletId, CancellationToken.None);
        var outcomes = await store.ReadAllOutcomesAsync(walletId, CancellationToken.None);
        var head = (await store.LoadAsync(walletId, CancellationToken.None))!.Head;
        var allGrants = await store.ReadAllGrantsAsync(walletId, CancellationToken.None);

        var uniqueCost = events.Sum(e => (long)e.Quantity!.Value);
        Assert.Equal(grants.Sum() - uniqueCost, head.Balance);
        Assert.Equal(head.Balance, allGrants.Sum(g => g.Remaining));
        Assert.Equal(5_000, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(EventOutcomeStatus.Applied, o.Status));
        Assert.Equal(5_000, summaries.Sum(s => s.Applied));
        Assert.True(summaries.Sum(s => s.Duplicates) >= 600 + 500, "every redelivered event was seen as a duplicate");

        var debits = ledger.Where(e => e.Type == LedgerEntryType.Debit).ToList();
        Assert.Equal(5_000, debits.Count);
        Assert.Equal(5_000, debits.Select(d => d.EventId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, ledger.Count).Select(i => (long)i), ledger.Select(e => e.Sequence));
        Assert.All(ledger.Zip(ledger.Skip(1)), p => Assert.Equal(p.First.BalanceAfter, p.Second.BalanceBefore));
        Assert.Equal(head.Balance, ledger[^1].BalanceAfter);
        Assert.Equal(head.LastSequence, ledger[^1].Sequence);
        Assert.All(debits, d => Assert.Equal(d.Amount, d.Breakdown.Sum(b => b.Amount)));

        // FIFO across grants: the priority-0 grant is used up before the priority-10 one is touched.
        var firstTouchOfSecond = debits.FindIndex(d => d.Breakdown.Any(b => b.GrantId == allGrants.Single(g => g.Amount == 4_000).Id));
        var lastTouchOfFirst = debits.FindLastIndex(d => d.Breakdown.Any(b => b.GrantId == allGrants.Single(g => g.Amount == 6_000).Id));
        Assert.True(lastTouchOfFirst <= firstTouchOfSecond, "the second grant was spent before the first was used up");
        Assert.Equal(GrantStatus.Depleted, allGrants.Single(g => g.Amount == 6_000).Status);
    }

    private static string Message(string orgId, IEnumerable<UsageEvent> events) =>
        System.Text.Json.JsonSerializer.Serialize(new UsageMessage { OrgId = orgId, Events = events.ToList() }, JsonRows.Options);
}
