using System.Text.Json;
using Azure.Storage.Queues;
using UnitPay.Client.Tests.Support;
using UnitPay.Client.Usage;
using UnitPay.Contracts.Usage;
using UnitPay.Testing;

namespace UnitPay.Client.Tests.Usage;

/// <summary>The producer against Azurite, read by the app's real queue worker.</summary>
public sealed class UsageProducerTests
{
    private static readonly JsonElement Padding = JsonDocument.Parse($"{{\"note\":\"{new string('p', 300)}\"}}").RootElement.Clone();

    [Fact]
    public async Task Produced_usage_is_split_across_messages_and_applied_exactly_once_by_the_worker()
    {
        await using var app = await TestApp.StartAsync();
        using var client = ClientFor.App(app);
        var (currencyId, slug) = await ClientFor.CatalogAsync(client, cost: 1);
        var customer = await client.CreateCustomerAsync(new("Ada", ExternalId: "user_producer"));
        await client.CreateCreditGrantAsync(new(customer.Id, currencyId, 1_000_000));
        var connection = await SharedAzurite.ConnectionStringAsync();
        var producer = new UsageProducer(new UsageProducerOptions { OrgId = await ClientFor.OrgIdAsync(app), ConnectionString = connection, QueueName = app.Storage.UsageQueue });
        var events = Enumerable.Range(0, 600)
            .Select(i => new UsageEvent { CustomerId = "user_producer", FeatureSlug = slug, Quantity = 1 + (i % 3), IdempotencyKey = $"use-{i}", Properties = Padding })
            .ToList();
        var cost = events.Sum(e => (long)e.Quantity!.Value);

        var sent = await producer.SendAsync(events);
        await BalanceAsync(client, customer.Id, 1_000_000 - cost);
        var resent = await producer.SendAsync(events); // the same keys: a resend after an uncertain failure
        await DrainedAsync(new QueueClient(connection, app.Storage.UsageQueue));

        Assert.True(sent.Messages > 1, $"600 events of ~400 bytes need several 64 KiB messages; sent {sent.Messages}");
        Assert.Equal((600, sent.Messages), (resent.Events, resent.Messages));
        Assert.Equal(1_000_000 - cost, Assert.Single(await client.ListCreditAccountsAsync(customer.Id)).Balance);
        Assert.Equal(0, await CountAsync(new QueueClient(connection, app.Storage.UsageQueue + "-poison")));
    }

    [Fact]
    public async Task Two_sends_of_unkeyed_usage_are_two_uses_not_a_redelivery()
    {
        await using var app = await TestApp.StartAsync();
        using var client = ClientFor.App(app);
        var (currencyId, slug) = await ClientFor.CatalogAsync(client, cost: 10);
        var customer = await client.CreateCustomerAsync(new("Ada"));
        await client.CreateCreditGrantAsync(new(customer.Id, currencyId, 100));
        var producer = new UsageProducer(new UsageProducerOptions
        {
            OrgId = await ClientFor.OrgIdAsync(app),
            ConnectionString = await SharedAzurite.ConnectionStringAsync(),
            QueueName = app.Storage.UsageQueue,
        });
        var use = new UsageEvent { CustomerId = customer.Id, FeatureSlug = slug };

        var first = await producer.SendAsync([use]);
        var second = await producer.SendAsync([use]);

        Assert.NotEqual(first.IdempotencyKeys, second.IdempotencyKeys);
        await BalanceAsync(client, customer.Id, 80);
    }

    [Fact]
    public void Options_need_an_organization_and_exactly_one_way_to_reach_the_queue()
    {
        var refused = Assert.Throws<ArgumentException>(() => new UsageProducer(new UsageProducerOptions
        {
            OrgId = "acme",
            QueueUri = new Uri("https://acct.queue.core.windows.net/usage-events"),
            ConnectionString = "UseDevelopmentStorage=true",
        }));

        Assert.Contains("OrgId", refused.Message, StringComparison.Ordinal);
        Assert.Contains("either QueueUri", refused.Message, StringComparison.Ordinal);
    }

    private static Task<long> BalanceAsync(UnitPayClient client, string customerId, long expected) =>
        Poll.UntilAsync(
            async () => (await client.ListCreditAccountsAsync(customerId)).Single().Balance,
            balance => balance == expected,
            TimeSpan.FromSeconds(60),
            $"the balance to reach {expected}");

    private static async Task<int> CountAsync(QueueClient queue) =>
        (await queue.ExistsAsync()).Value ? (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;

    /// <summary>Every message taken and deleted (the count includes messages a worker holds invisible).</summary>
    private static Task<int> DrainedAsync(QueueClient queue) =>
        Poll.UntilAsync(
            async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount,
            count => count == 0,
            TimeSpan.FromSeconds(60),
            "the usage queue to drain");
}
