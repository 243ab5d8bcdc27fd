using UnitPay.Core.Wallets;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Api;

/// <summary>Overage policies over HTTP against Azurite: the deficit is bounded by the limit, whatever the concurrency.</summary>
public sealed class OverageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Concurrent_usage_under_allow_goes_into_deficit_down_to_the_limit_and_never_below()
    {
        await using var app = await TestApp.StartAsync();
        var overage = new { mode = "allow", overageLimit = 50, overageBehavior = "carry_deficit" };
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1, overage: overage);
        await scenario.GrantAsync(app.Client, 100);

        var (_, before) = await app.Client.PostAsync("/v1/check", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, requestedUsage = 150 });
        Assert.True(before!["access"]!.GetValue<bool>()); // 100 credits + 50 of allowed overage

        // Ten producers at once, 30 events each: 300 credits of usage against 100 credits and a limit of 50.
        var tracks = await Task.WhenAll(Enumerable.Range(0, 10).Select(p => Task.Run(() => app.Client.PostAsync("/v1/usage/track", new
        {
            events = Enumerable.Range(0, 30).Select(i => new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, idempotencyKey = $"p{p}-e{i}" }).ToArray(),
        }))));
        Assert.All(tracks, t => Assert.Equal((202, 30L), (t.Status, t.Body.Num("accepted"))));

        var (_, accounts) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId);
        var walletId = accounts!["accounts"]![0].Str("id");
        var store = app.Service<WalletStore>();
        var outcomes = await Poll.UntilAsync(() => store.ReadAllOutcomesAsync(walletId, CancellationToken.None), o => o.Count == 300, Deadline, "all 300 events to be processed");

        Assert.Equal(150, outcomes.Count(o => o.Status == EventOutcomeStatus.Applied));
        Assert.All(outcomes.Where(o => o.Status == EventOutcomeStatus.Rejected), o => Assert.Equal("INSUFFICIENT_CREDITS", o.Reason));
        var (_, account) = await app.Client.GetJsonAsync("/v1/credit-accounts/" + walletId);
        Assert.Equal((-50L, 50L, -50L), (account.Num("balance"), account.Num("deficit"), account.Num("available")));
        var (_, after) = await app.Client.PostAsync("/v1/check", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, requestedUsage = 1 });
        Assert.False(after!["access"]!.GetValue<bool>());

        // The ledger adds up: 150 debits of 1, the ones beyond the grants marked as overage, a gapless chain to -50.
        var ledger = await store.ReadWholeLedgerAsync(walletId, CancellationToken.None);
        Assert.Equal(50, ledger.Where(e => e.Metadata?.ContainsKey("overage") == true).Sum(e => long.Parse(e.Metadata!["overage"], System.Globalization.CultureInfo.InvariantCulture)));
        await ReservationTests.AssertLedgerChainAsync(app, scenario);
        Assert.Equal(-50, ledger[^1].BalanceAfter);

        // A reservation is funded by credits only, never by overage.
        var (reserve, problem) = await app.Client.PostAsync("/v1/reservations", new { customerId = scenario.CustomerId, creditCurrencyId = scenario.CurrencyId, amount = 1 });
        Assert.Equal((402, "INSUFFICIENT_CREDITS"), (reserve, problem.Str("code")));
    }

    [Fact]
    public async Task Invalid_overage_policies_are_refused_when_the_currency_is_created()
    {
        await using var app = await TestApp.StartAsync();
        object[] invalid =
        [
            new { mode = "sometimes" },
            new { mode = "allow", overageBehavior = "forgive_at_reset" },
            new { mode = "allow", overageLimit = -5, overageBehavior = "forgive_at_reset" },
            new { mode = "allow", overageLimit = 10, overageBehavior = "shrug" },
            new { mode = "allow", overageLimit = 10, overageBehavior = "invoice_at_billing" },
            new { mode = "allow", overageLimit = 10, overageBehavior = "invoice_at_billing", overagePricePerUnit = new { amount = 5, currency = "unit" } },
            new { mode = "reject", overageLimit = 10 },
        ];
        foreach (var overage in invalid)
        {
            var (status, problem) = await app.Client.PostAsync("/v1/credit-currencies", new { name = "Credits", denomination = "unit", overage });
            Assert.Equal((400, "VALIDATION_FAILED"), (status, problem.Str("code")));
            Assert.StartsWith("overage.", problem!["errors"]!.AsObject().Single().Key, StringComparison.Ordinal);
        }

        var (created, currency) = await app.Client.PostAsync("/v1/credit-currencies", new
        {
            name = "Credits",
            denomination = "unit",
            overage = new { mode = "allow", overageLimit = 10, overageBehavior = "invoice_at_billing", overagePricePerUnit = new { amount = 5, currency = "usd" } },
        });
        Scenario.Ensure(created, 201, currency);
        Assert.Equal(("allow", 10L, "invoice_at_billing"), (currency!["overage"].Str("mode"), currency["overage"].Num("overageLimit"), currency["overage"].Str("overageBehavior")));
        Assert.Null(currency["overage"]!["allows"]);
        var (_, list) = await app.Client.GetJsonAsync("/v1/credit-currencies");
        Assert.Single(list!["currencies"]!.AsArray()); // none of the refused ones was created
    }
}
