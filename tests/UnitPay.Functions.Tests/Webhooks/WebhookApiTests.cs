using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using UnitPay.Core.Faults;
using UnitPay.Functions.Configuration;
using UnitPay.Functions.Tests.Money;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Webhooks;

/// <summary>Outbound webhooks over HTTP under the local host, delivered to a loopback receiver.</summary>
public sealed class WebhookApiTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_endpoint_shows_its_secret_once_and_is_listed_read_and_deleted_without_it()
    {
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        var client = app.Client;

        var (created, endpoint) = await client.PostAsync("/v1/webhook-endpoints", new { url = "https://example.com/hooks", eventTypes = new[] { "credit.grant.created", "credit.balance_low" }, description = "billing" });
        Assert.Equal(201, created);
        var id = endpoint.Str("id");
        Assert.StartsWith("whep_", id, StringComparison.Ordinal);
        Assert.StartsWith("whsec_", endpoint.Str("secret"), StringComparison.Ordinal);
        Assert.Equal(["credit.grant.created", "credit.balance_low"], endpoint!["eventTypes"]!.AsArray().Select(t => t!.GetValue<string>()));

        var (got, read) = await client.GetJsonAsync("/v1/webhook-endpoints/" + id);
        Assert.Equal((200, "https://example.com/hooks", "billing"), (got, read.Str("url"), read.Str("description")));
        Assert.Null(read!["secret"]);
        var (listed, list) = await client.GetJsonAsync("/v1/webhook-endpoints");
        Assert.Equal(200, listed);
        var only = Assert.Single(list!["endpoints"]!.AsArray())!;
        Assert.Equal(id, only.Str("id"));
        Assert.Null(only["secret"]);

        using var other = await app.SecondOrganizationAsync();
        Assert.Equal(404, (await other.GetJsonAsync("/v1/webhook-endpoints/" + id)).Status);
        Assert.Empty((await other.GetJsonAsync("/v1/webhook-endpoints")).Body!["endpoints"]!.AsArray());

        using var deleted = await client.DeleteAsync("/v1/webhook-endpoints/" + id);
        Assert.Equal(200, (int)deleted.StatusCode);
        Assert.Equal(404, (await client.GetJsonAsync("/v1/webhook-endpoints/" + id)).Status);
        using var again = await client.DeleteAsync("/v1/webhook-endpoints/" + id);
        Assert.Equal(404, (int)again.StatusCode);
    }

    [Fact]
    public async Task A_bad_endpoint_is_400_naming_the_field_and_nothing_is_created()
    {
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        var client = app.Client;

        var (plainHttp, problem) = await client.PostAsync("/v1/webhook-endpoints", new { url = "http://example.com/hooks", eventTypes = new[] { "credit.grant.created" } });
        Assert.Equal((400, "VALIDATION_FAILED"), (plainHttp, problem.Str("code")));
        Assert.NotNull(problem!["errors"]!["url"]);

        var (unknown, problem2) = await client.PostAsync("/v1/webhook-endpoints", new { url = "https://example.com/hooks", eventTypes = new[] { "credit.grant.created", "credit.nope" } });
        Assert.Equal(400, unknown);
        Assert.NotNull(problem2!["errors"]!["eventTypes[1]"]);

        var (none, _) = await client.PostAsync("/v1/webhook-endpoints", new { url = "https://example.com/hooks", eventTypes = Array.Empty<string>() });
        Assert.Equal(400, none);
        Assert.Empty((await client.GetJsonAsync("/v1/webhook-endpoints")).Body!["endpoints"]!.AsArray());
    }

    [Fact]
    public async Task A_grant_is_delivered_as_a_signed_credit_grant_created_that_the_receiver_verifies_and_the_attempt_is_listed()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        var client = app.Client;
        var (_, endpoint) = await client.PostAsync("/v1/webhook-endpoints", new { url = receiver.Url("grants"), eventTypes = new[] { "credit.grant.created" } });
        var secret = endpoint.Str("secret");

        var (customer, currency) = await WalletAsync(client);
        var (gs, grant) = await client.PostAsync("/v1/credit-grants", new { customerId = customer, creditCurrencyId = currency, amount = 1_000 });
        Scenario.Ensure(gs, 201, grant);

        var delivered = (await Poll.UntilAsync(() => Task.FromResult(receiver.At("grants")), r => r.Count >= 1, Deadline, "the grant's webhook")).Single();
        Assert.True(LoopbackReceiver.Verifies(delivered.Signature, delivered.Body, secret), $"the signature {delivered.Signature} does not verify");
        Assert.False(LoopbackReceiver.Verifies(delivered.Signature, delivered.Body.Replace("1000", "9000", StringComparison.Ordinal), secret));
        var e = delivered.Event;
        Assert.Equal("credit.grant.created", e.Str("type"));
        Assert.StartsWith("whevt_", e.Str("id"), StringComparison.Ordinal);
        Assert.Equal((grant.Str("id"), 1_000L, customer), (e["data"].Str("grantId"), e["data"].Num("amount"), e["data"].Str("customerId")));

        var attempts = await Poll.UntilAsync(() => DeliveriesAsync(client, endpoint.Str("id")), d => d.Count == 1, Deadline, "the attempt to be logged");
        var attempt = attempts.Single();
        Assert.Equal(("delivered", 200L, 1L, e.Str("id")), (attempt.Str("status"), attempt.Num("statusCode"), attempt.Num("attempt"), attempt.Str("eventId")));
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_back_off_and_every_attempt_is_listed_newest_first()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var settings = QuietTimers.Settings();
        settings[SettingNames.WebhookFirstRetry] = "00:00:01";
        await using var app = await TestApp.StartAsync(settings: settings);
        var client = app.Client;
        receiver.FailFirst("flaky", 2);
        var (_, endpoint) = await client.PostAsync("/v1/webhook-endpoints", new { url = receiver.Url("flaky"), eventTypes = new[] { "credit.grant.created" } });

        var (customer, currency) = await WalletAsync(client);
        Created((await client.PostAsync("/v1/credit-grants", new { customerId = customer, creditCurrencyId = currency, amount = 500 })));

        var received = await Poll.UntilAsync(() => Task.FromResult(receiver.At("flaky")), r => r.Count >= 3, Deadline, "three attempts (two refused, one accepted)");
        Assert.Single(received.Select(r => r.Event.Str("id")).Distinct());
        Assert.All(received, r => Assert.True(LoopbackReceiver.Verifies(r.Signature, r.Body, endpoint.Str("secret"))));

        // Back-off: the second attempt waits at least the first retry's delay less its jitter (1 s - 20%), the third twice that.
        Assert.True(received[1].At - received[0].At >= TimeSpan.FromMilliseconds(700), $"the retry came after {(received[1].At - received[0].At).TotalMilliseconds} ms");
        Assert.True(received[2].At - received[1].At >= TimeSpan.FromMilliseconds(1500), $"the second retry came after {(received[2].At - received[1].At).TotalMilliseconds} ms");

        var attempts = await Poll.UntilAsync(() => DeliveriesAsync(client, endpoint.Str("id")), d => d.Count == 3, Deadline, "three attempts logged");
        Assert.Equal([3L, 2L, 1L], attempts.Select(a => a.Num("attempt")));
        Assert.Equal(["delivered", "retrying", "retrying"], attempts.Select(a => a.Str("status")));
        Assert.Equal(503, attempts[2].Num("statusCode"));
        Assert.NotNull(attempts[2]["nextAttemptAt"]);

        // Paging: one at a time, newest first, to the end.
        var (_, first) = await client.GetJsonAsync($"/v1/webhook-endpoints/{endpoint.Str("id")}/deliveries?limit=2");
        Assert.Equal(2, first!["deliveries"]!.AsArray().Count);
        var (_, rest) = await client.GetJsonAsync($"/v1/webhook-endpoints/{endpoint.Str("id")}/deliveries?limit=2&cursor={first.Str("nextCursor")}");
        Assert.Equal(1L, Assert.Single(rest!["deliveries"]!.AsArray()).Num("attempt"));
        Assert.Null(rest["nextCursor"]);
    }

    [Fact]
    public async Task Balance_low_fires_once_per_crossing_and_plain_usage_emits_nothing_else()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        var client = app.Client;
        var (_, endpoint) = await client.PostAsync("/v1/webhook-endpoints", new { url = receiver.Url("low"), eventTypes = new[] { "credit.balance_low" } });
        var (_, all) = await client.PostAsync("/v1/webhook-endpoints", new { url = receiver.Url("all"), eventTypes = new[] { "credit.grant.created", "credit.grant.expired", "credit.balance_low", "credit.topup.succeeded" } });
        var (customer, currency) = await WalletAsync(client);
        var slug = "call-" + Guid.NewGuid().ToString("N")[..6];
        var (fs, feature) = await client.PostAsync("/v1/features", new { slug, name = "A call", creditCosts = new[] { new { creditCurrencyId = currency, costPerUnit = 100 } } });
        Scenario.Ensure(fs, 201, feature);
        Created(await client.PostAsync("/v1/credit-grants", new { customerId = customer, creditCurrencyId = currency, amount = 1_000 }));
        var wallet = await WalletIdAsync(client, customer, currency);

        var (ts, threshold) = await client.PutJsonAsync($"/v1/credit-accounts/{wallet}/low-balance-threshold", new { threshold = 500 });
        Assert.Equal((200, 500L), (ts, threshold.Num("lowBalanceThreshold")));
        var (_, account) = await client.GetJsonAsync($"/v1/credit-accounts/{wallet}");
        Assert.Equal(500L, account.Num("lowBalanceThreshold")); // the account shows the threshold it fires at

        // 1000 -> 400 in six calls: one crossing; then 400 -> 200: still below, nothing new.
        await TrackAsync(client, customer, slug, "a", 6);
        await Poll.UntilAsync(() => MoneyApi.BalanceAsync(client, customer, currency), b => b == 400, Deadline, "the first six calls");
        await TrackAsync(client, customer, slug, "b", 2);
        await Poll.UntilAsync(() => MoneyApi.BalanceAsync(client, customer, currency), b => b == 200, Deadline, "two more calls");

        // Back above (a grant), then across again: a second crossing, a second event.
        Created(await client.PostAsync("/v1/credit-grants", new { customerId = customer, creditCurrencyId = currency, amount = 1_000 }));
        await TrackAsync(client, customer, slug, "c", 8);
        await Poll.UntilAsync(() => MoneyApi.BalanceAsync(client, customer, currency), b => b == 400, Deadline, "eight calls after the second grant");

        var low = await Poll.UntilAsync(() => Task.FromResult(receiver.At("low")), r => r.Count >= 2, Deadline, "two balance_low events");
        await DrainedAsync(app);
        low = receiver.At("low");
        Assert.Equal(2, low.Count);
        Assert.All(low, r => Assert.Equal("credit.balance_low", r.Event.Str("type")));
        Assert.Equal([400L, 400L], low.Select(r => r.Event["data"].Num("available")).Order());
        Assert.Equal(500, low[0].Event["data"].Num("threshold"));

        // The subscriber to everything got the two grants and the two crossings: usage itself is no event.
        var everything = receiver.At("all").Select(r => r.Event.Str("type")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["credit.balance_low", "credit.balance_low", "credit.grant.created", "credit.grant.created"], everything);
        Assert.Equal(2, (await DeliveriesAsync(client, endpoint.Str("id"))).Count);
        Assert.Equal(4, (await DeliveriesAsync(client, all.Str("id"))).Count);
    }

    [Fact]
    public async Task A_declined_top_up_is_delivered_as_credit_topup_failed_and_a_paid_one_as_credit_topup_succeeded()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        var client = app.Client;
        var (_, endpoint) = await client.PostAsync("/v1/webhook-endpoints", new { url = receiver.Url("money"), eventTypes = new[] { "credit.topup.failed", "credit.topup.succeeded" } });
        var currency = await MoneyApi.UnitCurrencyAsync(client);
        var declined = await MoneyApi.CustomerAsync(client, "pm_sandbox_decline");
        var paying = await MoneyApi.CustomerAsync(client, "pm_sandbox_success");

        var (refused, problem) = await client.PostAsync("/v1/top-ups", new { customerId = declined, creditCurrencyId = currency, amount = 100 });
        Assert.Equal((402, "PAYMENT_FAILED"), (refused, problem.Str("code")));
        var (paid, settlement) = await client.PostAsync("/v1/top-ups", new { customerId = paying, creditCurrencyId = currency, amount = 200 });
        Assert.Equal(201, paid);

        var received = await Poll.UntilAsync(() => Task.FromResult(receiver.At("money")), r => r.Count == 2, Deadline, "both top-up events");
        Assert.All(received, r => Assert.True(LoopbackReceiver.Verifies(r.Signature, r.Body, endpoint.Str("secret"))));
        var failed = received.Single(r => r.Event.Str("type") == "credit.topup.failed").Event["data"];
        var succeeded = received.Single(r => r.Event.Str("type") == "credit.topup.succeeded").Event["data"];
        Assert.Equal((declined, 100L, "card_declined"), (failed.Str("customerId"), failed.Num("amount"), failed.Str("errorCode")));
        Assert.Equal((settlement!["topUp"].Str("id"), 200L), (succeeded.Str("topUpId"), succeeded.Num("amount")));
    }

    [Fact]
    public async Task A_deleted_endpoint_gets_nothing()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        var client = app.Client;
        var (_, gone) = await client.PostAsync("/v1/webhook-endpoints", new { url = receiver.Url("gone"), eventTypes = new[] { "credit.grant.created" } });
        var (_, kept) = await client.PostAsync("/v1/webhook-endpoints", new { url = receiver.Url("kept"), eventTypes = new[] { "credit.grant.created" } });
        using var deleted = await client.DeleteAsync("/v1/webhook-endpoints/" + gone.Str("id"));
        Assert.Equal(200, (int)deleted.StatusCode);

        var (customer, currency) = await WalletAsync(client);
        Created(await client.PostAsync("/v1/credit-grants", new { customerId = customer, creditCurrencyId = currency, amount = 300 }));
        await Poll.UntilAsync(() => Task.FromResult(receiver.At("kept")), r => r.Count == 1, Deadline, "the kept endpoint's delivery");
        await DrainedAsync(app);

        Assert.Empty(receiver.At("gone"));
        Assert.Equal(404, (await client.GetJsonAsync($"/v1/webhook-endpoints/{gone.Str("id")}/deliveries")).Status);
        Assert.Single(await DeliveriesAsync(client, kept.Str("id")));
    }

    [Fact]
    public async Task A_crash_after_queueing_is_replayed_by_the_sweeper_with_the_same_event_id()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var crash = new CrashOnce(FaultPoint.AfterWebhookFanOut);
        var settings = QuietTimers.Settings();
        settings[SettingNames.WebhookSweepGrace] = "00:00:00";
        await using var app = await TestApp.StartAsync(services => services.AddSingleton<IFaultInjector>(crash), settings);
        var client = app.Client;
        var (_, endpoint) = await client.PostAsync("/v1/webhook-endpoints", new { url = receiver.Url("dedup"), eventTypes = new[] { "credit.grant.created" } });
        var (customer, currency) = await WalletAsync(client);
        Created(await client.PostAsync("/v1/credit-grants", new { customerId = customer, creditCurrencyId = currency, amount = 700 }));

        // The live dispatch queued the event, then "died" before deleting its outbox row.
        var first = await Poll.UntilAsync(() => Task.FromResult(receiver.At("dedup")), r => r.Count == 1, Deadline, "the first delivery");
        Assert.True(crash.Crashed);

        // The sweeper finds the row through the mark written before the commit, and queues the same event again.
        var summary = await app.RunTimerAsync("SweepWebhooksTimer");
        Assert.NotNull(summary);
        var both = await Poll.UntilAsync(() => Task.FromResult(receiver.At("dedup")), r => r.Count == 2, Deadline, "the replayed delivery");
        Assert.Equal(first[0].Event.Str("id"), both[1].Event.Str("id"));
        Assert.Equal(first[0].Body, both[1].Body);
        Assert.Single(both.Select(r => r.Event.Str("id")).Distinct()); // a receiver deduplicating by id applies it once

        // The row is gone and the mark cleared: a further sweep queues nothing.
        await app.RunTimerAsync("SweepWebhooksTimer");
        await DrainedAsync(app);
        Assert.Equal(2, receiver.At("dedup").Count);
        Assert.Equal(2, (await DeliveriesAsync(client, endpoint.Str("id"))).Count);
    }

    private static void Created((int Status, JsonNode? Body) answer) => Scenario.Ensure(answer.Status, 201, answer.Body);

    private static async Task<(string Customer, string Currency)> WalletAsync(HttpClient client)
    {
        var (cs, currency) = await client.PostAsync("/v1/credit-currencies", new { name = "Credits " + Guid.NewGuid().ToString("N")[..6], denomination = "usd" });
        Scenario.Ensure(cs, 201, currency);
        return (await MoneyApi.CustomerAsync(client), currency.Str("id"));
    }

    private static async Task<string> WalletIdAsync(HttpClient client, string customer, string currency)
    {
        var (_, accounts) = await client.GetJsonAsync("/v1/credit-accounts?customerId=" + customer);
        return accounts!["accounts"]!.AsArray().Single(a => a.Str("creditCurrencyId") == currency).Str("id");
    }

    private static async Task TrackAsync(HttpClient client, string customer, string slug, string prefix, int count)
    {
        var (status, _) = await client.PostAsync("/v1/usage/track", new { events = Enumerable.Range(0, count).Select(i => new { customerId = customer, featureSlug = slug, idempotencyKey = prefix + i }).ToArray() });
        Assert.Equal(202, status);
    }

    private static async Task<List<JsonNode>> DeliveriesAsync(HttpClient client, string endpointId)
    {
        var (status, page) = await client.GetJsonAsync($"/v1/webhook-endpoints/{endpointId}/deliveries");
        Assert.Equal(200, status);
        return page!["deliveries"]!.AsArray().Select(d => d!).ToList();
    }

    /// <summary>Waits until the delivery queue holds no message (visible or in flight): everything queued was attempted.</summary>
    private static async Task DrainedAsync(TestApp app)
    {
        var queue = app.Service<Core.Storage.StorageAccount>().Queue(app.Service<AppSettings>().Webhooks.Queue);
        await Poll.UntilAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount, n => n == 0, Deadline, "the webhook queue to drain");
    }

    private sealed class CrashOnce(FaultPoint point) : IFaultInjector
    {
        private int _crashed;

        public bool Crashed => Volatile.Read(ref _crashed) == 1;

        public void Hit(FaultPoint at)
        {
            if (at == point && Interlocked.Exchange(ref _crashed, 1) == 0)
            {
                throw new InjectedCrashException(at);
            }
        }
    }
}
