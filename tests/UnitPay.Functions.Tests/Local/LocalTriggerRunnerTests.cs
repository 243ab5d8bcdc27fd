using System.Text;
using Azure.Storage.Queues;
using UnitPay.Core.Storage;
using UnitPay.Functions.Configuration;
using UnitPay.Functions.Hosting;
using UnitPay.Functions.Local;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Local;

/// <summary>The local trigger runner against Azurite: host.json's queue semantics and timer schedules.</summary>
public sealed class LocalTriggerRunnerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_message_whose_function_fails_every_time_ends_in_the_poison_queue_with_its_content_intact()
    {
        await using var app = await TestApp.StartAsync();
        var storage = app.Service<StorageAccount>();
        const string garbage = "this is not a usage message {";
        await storage.UsageQueue.SendMessageAsync(garbage);

        var poison = storage.Queue(app.Storage.UsageQueue + "-poison");
        var poisoned = await Poll.UntilAsync(
            async () => (await poison.PeekMessagesAsync(maxMessages: 32)).Value,
            messages => messages.Length > 0,
            Deadline,
            "the message to reach the poison queue");

        // The poison copy decodes (with host.json's base64 encoding) to exactly what was sent.
        Assert.Single(poisoned);
        Assert.Equal(garbage, poisoned[0].Body.ToString());
        var raw = storage.RawQueue(app.Storage.UsageQueue + "-poison");
        Assert.Equal(garbage, Encoding.UTF8.GetString(Convert.FromBase64String((await raw.PeekMessageAsync()).Value.Body.ToString())));

        // It was tried maxDequeueCount (5) times, then moved, and the source queue no longer holds it.
        var listener = app.Service<LocalTriggerRunner>().Queue("DeductUsageQueue");
        Assert.Equal(5, listener.Failed);
        Assert.Equal(1, listener.Poisoned);
        Assert.Empty((await storage.UsageQueue.PeekMessagesAsync(maxMessages: 32)).Value);
    }

    [Fact]
    public async Task A_message_whose_function_succeeds_is_applied_and_deleted()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 10);
        await scenario.GrantAsync(app.Client, 100);

        var (status, tracked) = await app.Client.PostAsync("/v1/usage/track", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug });
        Assert.Equal(202, status);
        var eventId = tracked!["eventIds"]![0]!.GetValue<string>();

        var applied = await Poll.UntilAsync(
            async () => (await app.Client.GetJsonAsync($"/v1/usage/events/{eventId}?customerId={scenario.CustomerId}")).Body.Str("status"),
            s => s != "pending",
            Deadline,
            "the event to be processed");
        Assert.Equal("applied", applied);

        var storage = app.Service<StorageAccount>();
        await Poll.UntilAsync(
            async () => (await storage.UsageQueue.PeekMessagesAsync(maxMessages: 32)).Value.Length,
            n => n == 0,
            Deadline,
            "the message to be deleted");
        var listener = app.Service<LocalTriggerRunner>().Queue("DeductUsageQueue");
        Assert.Equal(1, listener.Succeeded);
        Assert.Equal(0, listener.Failed);
        Assert.Empty((await storage.Queue(app.Storage.UsageQueue + "-poison").PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task The_expiry_timer_fires_on_its_schedule_and_closes_an_expired_grant()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_EXPIRE_GRANTS_SCHEDULE"] = "*/1 * * * * *" });
        var scenario = await Scenario.CreateAsync(app.Client);
        await scenario.GrantAsync(app.Client, 100, expiresAt: DateTimeOffset.UtcNow.AddSeconds(2));

        // Nothing but the timer changes this wallet, so an EXPIRE entry can only come from the timer firing.
        var ledger = await Poll.UntilAsync(
            async () => (await app.Client.GetJsonAsync($"/v1/credit-ledger?customerId={scenario.CustomerId}")).Body!["entries"]!.AsArray(),
            entries => entries.Any(e => e.Str("type") == "EXPIRE"),
            Deadline,
            "the timer to write the EXPIRE entry");

        var expire = ledger.First(e => e.Str("type") == "EXPIRE")!;
        Assert.Equal(("EXPIRATION", 100L, 0L), (expire.Str("reason"), expire.Num("amount"), expire.Num("balanceAfter")));
        Assert.True(app.Service<LocalTriggerRunner>().TimerListeners.Single(t => t.Function.Name == "ExpireGrantsTimer").Fired >= 2);
        var (_, accounts) = await app.Client.GetJsonAsync($"/v1/credit-accounts?customerId={scenario.CustomerId}");
        Assert.Equal(0, accounts!["accounts"]![0].Num("balance"));
        Assert.Empty(accounts!["accounts"]![0]!["grants"]!.AsArray());
    }

    [Fact]
    public async Task A_timer_due_months_away_waits_for_it_instead_of_dying()
    {
        // One Task.Delay cannot wait 50 days or more; a listener that tried would fail, and silently never fire again.
        var storage = new StorageAccount(new StorageOptions { ConnectionString = await SharedAzurite.ConnectionStringAsync() });
        var status = storage.Table(StorageNamespace.Fresh().TablePrefix + "TimerStatus");
        var listener = new TimerTriggerListener(
            FunctionIndex.Named("GrantCyclesTimer"),
            Schedules.Parse("test", QuietTimers.Schedule),
            status,
            new LocalFunctionInvoker(Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(new Microsoft.Extensions.DependencyInjection.ServiceCollection())),
            TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        using var stop = new CancellationTokenSource();

        var run = listener.RunAsync(stop.Token);
        var first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(2)));

        Assert.NotSame(run, first); // still waiting for its far-away occurrence
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(0, listener.Fired);
    }

    [Fact]
    public async Task Messages_are_decoded_with_the_encoding_host_json_declares()
    {
        await using var app = await TestApp.StartAsync();
        var storage = app.Service<StorageAccount>();

        // Sent as plain text while host.json says base64: the host cannot decode it, so it fails and is poisoned, not dropped.
        var raw = storage.RawQueue(app.Storage.UsageQueue);
        await raw.SendMessageAsync("plain text is not base64!");

        var poisoned = await Poll.UntilAsync(
            async () => (await storage.RawQueue(app.Storage.UsageQueue + "-poison").PeekMessagesAsync(maxMessages: 32)).Value,
            m => m.Length > 0,
            Deadline,
            "the undecodable message to be poisoned");
        Assert.Equal("plain text is not base64!", poisoned[0].Body.ToString());
    }
}
