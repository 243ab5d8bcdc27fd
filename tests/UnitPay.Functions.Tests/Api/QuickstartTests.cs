using System.Text.Json.Nodes;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Api;

/// <summary>The seed quickstart, over HTTP, end to end through the queue worker.</summary>
public sealed class QuickstartTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Grant_track_and_read_the_ledger_and_a_repeated_track_changes_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 10);
        await scenario.GrantAsync(app.Client, 100);

        var track = new { customerId = scenario.ExternalId, featureSlug = scenario.FeatureSlug, idempotencyKey = "req-1" };
        var (status, first) = await app.Client.PostAsync("/v1/usage/track", track);
        Assert.Equal(202, status);
        var eventId = first!["eventIds"]![0]!.GetValue<string>();
        await WaitAppliedAsync(app, scenario, eventId);

        // The same event again, with the same idempotencyKey: the same event id, and nothing more is deducted.
        var (againStatus, again) = await app.Client.PostAsync("/v1/usage/track", track);
        Assert.Equal(202, againStatus);
        Assert.Equal(eventId, again!["eventIds"]![0]!.GetValue<string>());

        // Wait until the worker has certainly seen the second message (the queue drains), then read the ledger.
        var storage = app.Service<UnitPay.Core.Storage.StorageAccount>();
        await Poll.UntilAsync(async () => (await storage.UsageQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount, n => n == 0, Deadline, "the queue to drain");
        await Poll.UntilAsync(
            async () => app.Service<UnitPay.Functions.Local.LocalTriggerRunner>().Queue("DeductUsageQueue").Succeeded,
            n => n >= 2,
            Deadline,
            "both messages to be processed");

        var (_, ledger) = await app.Client.GetJsonAsync("/v1/credit-ledger?customerId=" + scenario.ExternalId);
        var entries = ledger!["entries"]!.AsArray();
        Assert.Equal(2, entries.Count);
        Assert.Equal(("DEBIT", "USAGE_DEDUCTION", 10L, 100L, 90L), Summary(entries[0]!));
        Assert.Equal(("CREDIT", "GRANT", 100L, 0L, 100L), Summary(entries[1]!));
        Assert.Equal(eventId, entries[0].Str("eventId"));

        var (_, accounts) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId);
        var account = accounts!["accounts"]!.AsArray().Single()!;
        Assert.Equal((90L, 0L, 90L), (account.Num("balance"), account.Num("reserved"), account.Num("available")));
        Assert.Equal(90, account["grants"]![0].Num("remaining"));
    }

    [Fact]
    public async Task Usage_the_wallet_cannot_cover_is_recorded_as_rejected_and_can_be_looked_up()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 10);
        await scenario.GrantAsync(app.Client, 15);

        var (_, tracked) = await app.Client.PostAsync("/v1/usage/track", new { events = new[]
        {
            new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, quantity = 1m },
            new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, quantity = 1m },
        } });
        var ids = tracked!["eventIds"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        var statuses = new List<JsonNode>();
        foreach (var id in ids)
        {
            statuses.Add((await WaitAppliedAsync(app, scenario, id, expectApplied: false))!);
        }

        Assert.Single(statuses, s => s.Str("status") == "applied");
        var rejected = Assert.Single(statuses, s => s.Str("status") == "rejected");
        Assert.Equal("INSUFFICIENT_CREDITS", rejected.Str("reason"));
        var (_, accounts) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId);
        Assert.Equal(5, accounts!["accounts"]![0].Num("balance"));
    }

    [Fact]
    public async Task Check_is_read_only_and_answers_from_the_available_balance()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 10);
        await scenario.GrantAsync(app.Client, 100);

        var (status, yes) = await app.Client.PostAsync("/v1/check", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, requestedUsage = 10 });
        var (_, no) = await app.Client.PostAsync("/v1/check", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, requestedUsage = 10.1m });

        Assert.Equal(200, status);
        Assert.True(yes!["access"]!.GetValue<bool>());
        Assert.Equal((100L, 100L, 100L), (yes.Num("remaining"), yes.Num("creditBalance"), yes.Num("required")));
        Assert.False(no!["access"]!.GetValue<bool>());
        Assert.Equal(101, no.Num("required"));
        var (_, ledger) = await app.Client.GetJsonAsync("/v1/credit-ledger?customerId=" + scenario.CustomerId);
        Assert.Single(ledger!["entries"]!.AsArray()); // only the grant: check changed nothing
    }

    internal static async Task<JsonNode?> WaitAppliedAsync(TestApp app, Scenario scenario, string eventId, bool expectApplied = true)
    {
        var status = await Poll.UntilAsync(
            async () => (await app.Client.GetJsonAsync($"/v1/usage/events/{eventId}?customerId={scenario.CustomerId}")).Body,
            body => body.Str("status") != "pending",
            Deadline,
            "event " + eventId + " to be processed");
        if (expectApplied)
        {
            Assert.Equal("applied", status.Str("status"));
        }

        return status;
    }

    private static (string, string, long, long, long) Summary(JsonNode entry) =>
        (entry.Str("type"), entry.Str("reason"), entry.Num("amount"), entry.Num("balanceBefore"), entry.Num("balanceAfter"));
}
