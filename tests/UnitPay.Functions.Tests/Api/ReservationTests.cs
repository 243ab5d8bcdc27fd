using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UnitPay.Core.Wallets;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Api;

/// <summary>Reserve before you spend, over HTTP against Azurite: holds, commits, releases, expiry and the guarantee.</summary>
public sealed class ReservationTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Reserve_50_of_100_check_60_commit_30_gives_70_and_hold_debit_release_in_the_ledger()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1);
        await scenario.GrantAsync(app.Client, 100);

        var (status, hold) = await app.Client.PostAsync("/v1/reservations", new { customerId = scenario.CustomerId, creditCurrencyId = scenario.CurrencyId, amount = 50 });
        Scenario.Ensure(status, 201, hold);
        Assert.Equal(("held", 50L), (hold.Str("status"), hold.Num("amount")));
        Assert.True(Math.Abs((DateTimeOffset.Parse(hold.Str("expiresAt"), System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow - TimeSpan.FromMinutes(15)).TotalMinutes) < 1);
        Assert.Equal((100L, 50L, 50L), await AccountAsync(app, scenario));

        var (_, check) = await app.Client.PostAsync("/v1/check", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, requestedUsage = 60 });
        Assert.False(check!["access"]!.GetValue<bool>());
        Assert.Equal(50, check.Num("remaining"));

        var holdId = hold.Str("id");
        var (commitStatus, committed) = await app.Client.PostAsync($"/v1/reservations/{holdId}/commit", new { amount = 30 }, idempotencyKey: "commit-" + holdId);
        Scenario.Ensure(commitStatus, 200, committed);
        Assert.Equal(("committed", 30L, 20L), (committed.Str("status"), committed.Num("committedAmount"), committed.Num("releasedAmount")));
        Assert.Equal((70L, 0L, 70L), await AccountAsync(app, scenario));

        var (_, ledger) = await app.Client.GetJsonAsync("/v1/credit-ledger?customerId=" + scenario.CustomerId);
        var entries = ledger!["entries"]!.AsArray().Select(e => (e.Str("type"), e.Str("reason"), e.Num("amount"), e.Num("balanceAfter"))).ToList();
        Assert.Equal(
            [("RELEASE", "HOLD_CAPTURE", 20L, 70L), ("DEBIT", "HOLD_CAPTURE", 30L, 70L), ("HOLD", "HOLD_PLACED", 50L, 100L), ("CREDIT", "GRANT", 100L, 100L)],
            entries);
        Assert.All(ledger["entries"]!.AsArray().Take(3), e => Assert.Equal(holdId, e.Str("holdId")));

        // A replay with the same Idempotency-Key answers the first answer; a second commit or a release is 409.
        var (replayStatus, replay) = await app.Client.PostAsync($"/v1/reservations/{holdId}/commit", new { amount = 30 }, idempotencyKey: "commit-" + holdId);
        Assert.Equal((200, committed!.ToJsonString()), (replayStatus, replay!.ToJsonString()));
        var (again, againBody) = await app.Client.PostAsync($"/v1/reservations/{holdId}/commit", new { amount = 10 });
        Assert.Equal((409, "CONFLICT"), (again, againBody.Str("code")));
        Assert.Contains("already committed", againBody.Str("detail"), StringComparison.Ordinal);
        var (release, _) = await app.Client.PostAsync($"/v1/reservations/{holdId}/release", new { });
        Assert.Equal(409, release);
        Assert.Equal((70L, 0L, 70L), await AccountAsync(app, scenario));
    }

    [Fact]
    public async Task Bad_reservations_answer_4xx_and_change_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 4);
        await scenario.GrantAsync(app.Client, 100);
        var c = scenario.CustomerId;

        (object Body, int Status, string Code)[] cases =
        [
            (new { customerId = c, creditCurrencyId = scenario.CurrencyId, amount = 101 }, 402, "INSUFFICIENT_CREDITS"),
            (new { customerId = c, creditCurrencyId = scenario.CurrencyId, amount = 0 }, 400, "VALIDATION_FAILED"),
            (new { customerId = c, amount = 10 }, 400, "VALIDATION_FAILED"),
            (new { customerId = c, creditCurrencyId = scenario.CurrencyId, amount = 10, featureSlug = scenario.FeatureSlug }, 400, "VALIDATION_FAILED"),
            (new { customerId = c, creditCurrencyId = scenario.CurrencyId, amount = 10, ttlSeconds = 86401 }, 400, "VALIDATION_FAILED"),
            (new { customerId = c, featureSlug = scenario.FeatureSlug, quantity = -1 }, 400, "VALIDATION_FAILED"),
            (new { customerId = c, featureSlug = "no-such-feature", quantity = 1 }, 404, "NOT_FOUND"),
            (new { customerId = "cus_nobody", creditCurrencyId = scenario.CurrencyId, amount = 10 }, 404, "NOT_FOUND"),
        ];
        foreach (var (body, expected, code) in cases)
        {
            var (status, problem) = await app.Client.PostAsync("/v1/reservations", body);
            Assert.Equal((expected, code), (status, problem.Str("code")));
        }

        var (wrongType, _) = await app.Client.PostRawAsync("/v1/reservations", "{\"customerId\":\"" + c + "\",\"amount\":\"ten\"}");
        Assert.Equal(400, wrongType);
        var (unknown, _) = await app.Client.PostAsync("/v1/reservations/hold_nothing/commit", new { });
        Assert.Equal(404, unknown);

        // Reserving by feature and quantity prices it: 3 x 4 = 12; committing more than held is refused.
        var (byFeature, hold) = await app.Client.PostAsync("/v1/reservations", new { customerId = scenario.ExternalId, featureSlug = scenario.FeatureSlug, quantity = 3 });
        Scenario.Ensure(byFeature, 201, hold);
        Assert.Equal(12, hold.Num("amount"));
        var (tooMuch, tooMuchBody) = await app.Client.PostAsync($"/v1/reservations/{hold.Str("id")}/commit", new { amount = 13 });
        Assert.Equal((400, "VALIDATION_FAILED"), (tooMuch, tooMuchBody.Str("code")));

        // Another organization cannot see or resolve it.
        using var other = await app.SecondOrganizationAsync();
        Assert.Equal(404, (await other.GetJsonAsync($"/v1/reservations/{hold.Str("id")}")).Status);
        Assert.Equal(404, (await other.PostAsync($"/v1/reservations/{hold.Str("id")}/release", new { })).Status);

        Assert.Equal((100L, 12L, 88L), await AccountAsync(app, scenario));
        var (_, ledger) = await app.Client.GetJsonAsync("/v1/credit-ledger?customerId=" + c);
        Assert.Equal(["HOLD", "CREDIT"], ledger!["entries"]!.AsArray().Select(e => e.Str("type")));
    }

    [Fact]
    public async Task A_hold_past_its_ttl_is_released_by_the_expiry_timer_and_cannot_be_committed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(services => services.AddSingleton<TimeProvider>(clock));
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1);
        await scenario.GrantAsync(app.Client, 100);
        var (status, hold) = await app.Client.PostAsync("/v1/reservations", new { customerId = scenario.CustomerId, creditCurrencyId = scenario.CurrencyId, amount = 40, ttlSeconds = 600 });
        Scenario.Ensure(status, 201, hold);

        clock.Advance(TimeSpan.FromMinutes(11));
        await app.RunTimerAsync("ExpireGrantsTimer");

        var (_, read) = await app.Client.GetJsonAsync($"/v1/reservations/{hold.Str("id")}");
        Assert.Equal(("expired", 40L), (read.Str("status"), read.Num("releasedAmount")));
        Assert.Equal((100L, 0L, 100L), await AccountAsync(app, scenario));
        var (_, ledger) = await app.Client.GetJsonAsync("/v1/credit-ledger?customerId=" + scenario.CustomerId);
        var top = ledger!["entries"]![0];
        Assert.Equal(("RELEASE", "HOLD_EXPIRED", 40L), (top.Str("type"), top.Str("reason"), top.Num("amount")));

        var (commit, problem) = await app.Client.PostAsync($"/v1/reservations/{hold.Str("id")}/commit", new { });
        Assert.Equal((409, "CONFLICT"), (commit, problem.Str("code")));
        Assert.Contains("expired", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twenty_clients_reserving_while_usage_arrives_never_take_more_than_the_wallet_had_and_every_commit_is_paid()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1);
        await scenario.GrantAsync(app.Client, 100);

        // Usage that would take 60 if nothing protected the credits, tracked while the reservations race.
        var usage = Task.Run(async () =>
        {
            var events = Enumerable.Range(0, 60).Select(i => new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, idempotencyKey = "u" + i }).ToArray();
            var (status, body) = await app.Client.PostAsync("/v1/usage/track", new { events });
            Scenario.Ensure(status, 202, body);
            return body!["eventIds"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        });
        var reservations = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            app.Client.PostAsync("/v1/reservations", new { customerId = scenario.CustomerId, creditCurrencyId = scenario.CurrencyId, amount = 10 }))));
        var eventIds = await usage;

        var won = reservations.Where(r => r.Status == 201).Select(r => r.Body.Str("id")).ToList();
        Assert.All(reservations.Where(r => r.Status != 201), r => Assert.Equal((402, "INSUFFICIENT_CREDITS"), (r.Status, r.Body.Str("code"))));

        // Commit every hold in full while the worker goes on applying (or rejecting) usage.
        var commits = await Task.WhenAll(won.Select(id => Task.Run(() => app.Client.PostAsync($"/v1/reservations/{id}/commit", new { }))));
        Assert.All(commits, c => Assert.Equal((200, 10L), (c.Status, c.Body.Num("committedAmount"))));

        var outcomes = new List<JsonNode>();
        foreach (var id in eventIds)
        {
            outcomes.Add((await QuickstartTests.WaitAppliedAsync(app, scenario, id, expectApplied: false))!);
        }

        var applied = outcomes.Count(o => o.Str("status") == "applied");
        Assert.All(outcomes.Where(o => o.Str("status") == "rejected"), o => Assert.Equal("INSUFFICIENT_CREDITS", o.Str("reason")));

        // Holds and usage together never took more than the wallet had, and the race for the 100 credits left none.
        Assert.Equal(100, (won.Count * 10) + applied);
        Assert.InRange(won.Count, 4, 10); // at most 60 of the 100 went to usage
        Assert.Equal((0L, 0L, 0L), await AccountAsync(app, scenario));
        await AssertLedgerChainAsync(app, scenario);
    }

    [Fact]
    public async Task Twenty_concurrent_reservations_of_10_against_100_leave_exactly_ten_holds()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1);
        await scenario.GrantAsync(app.Client, 100);
        var reservations = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            app.Client.PostAsync("/v1/reservations", new { customerId = scenario.CustomerId, creditCurrencyId = scenario.CurrencyId, amount = 10 }))));

        Assert.Equal(10, reservations.Count(r => r.Status == 201));
        Assert.Equal(10, reservations.Count(r => r.Status == 402));
        Assert.Equal((100L, 100L, 0L), await AccountAsync(app, scenario));

        // Now usage arrives: it cannot spend what the holds protect.
        var (_, tracked) = await app.Client.PostAsync("/v1/usage/track", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, quantity = 1 });
        var outcome = await QuickstartTests.WaitAppliedAsync(app, scenario, tracked!["eventIds"]![0]!.GetValue<string>(), expectApplied: false);
        Assert.Equal(("rejected", "INSUFFICIENT_CREDITS"), (outcome.Str("status"), outcome.Str("reason")));
    }

    internal static async Task<(long Balance, long Reserved, long Available)> AccountAsync(TestApp app, Scenario scenario)
    {
        var (_, accounts) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId);
        var account = accounts!["accounts"]!.AsArray().Single()!;
        return (account.Num("balance"), account.Num("reserved"), account.Num("available"));
    }

    internal static async Task AssertLedgerChainAsync(TestApp app, Scenario scenario)
    {
        var (_, accounts) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId);
        var walletId = accounts!["accounts"]![0].Str("id");
        var entries = await app.Service<WalletStore>().ReadWholeLedgerAsync(walletId, CancellationToken.None);
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal(i + 1, entries[i].Sequence);
            Assert.Equal(i == 0 ? 0 : entries[i - 1].BalanceAfter, entries[i].BalanceBefore);
        }
    }
}
