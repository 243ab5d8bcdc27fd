using System.Diagnostics;
using System.Text.Json.Nodes;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Money;

/// <summary>Auto top-up over HTTP under the local host: rules, the wallet view's runtime, and one firing per crossing.</summary>
public sealed class AutoTopUpApiTests
{
    [Fact]
    public async Task A_wallet_that_falls_to_its_threshold_is_topped_up_once_within_five_seconds_and_the_view_shows_it()
    {
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        var client = app.Client;
        var (cs, usd) = await client.PostAsync("/v1/credit-currencies", new { name = "Prepaid " + Guid.NewGuid().ToString("N")[..6], denomination = "usd" });
        Scenario.Ensure(cs, 201, usd);
        var slug = "call-" + Guid.NewGuid().ToString("N")[..6];
        var (fs, feature) = await client.PostAsync("/v1/features", new { slug, name = "A call", creditCosts = new[] { new { creditCurrencyId = usd.Str("id"), costPerUnit = 100 } } });
        Scenario.Ensure(fs, 201, feature);
        var customer = await MoneyApi.CustomerAsync(client, "pm_sandbox_success");
        var currency = usd.Str("id");
        var (gs, grant) = await client.PostAsync("/v1/credit-grants", new { customerId = customer, creditCurrencyId = currency, amount = 1_000 });
        Scenario.Ensure(gs, 201, grant);

        var (ps, rule) = await client.PutJsonAsync($"/v1/customers/{customer}/auto-topup-rules/{currency}", new { mode = "amount", threshold = 500, topupAmount = 2_000, monthlyChargeLimit = 10_000 });
        Assert.Equal(200, ps);
        Assert.Equal(("amount", 500L, true), (rule.Str("mode"), rule.Num("threshold"), rule!["enabled"]!.GetValue<bool>()));

        // Six calls of $1 each, in one batch: the balance goes 1000 -> 400, crossing 500 once.
        var (ts, _) = await client.PostAsync("/v1/usage/track", new { events = Enumerable.Range(0, 6).Select(i => new { customerId = customer, featureSlug = slug, idempotencyKey = "call-" + i }).ToArray() });
        Assert.Equal(202, ts);
        await Poll.UntilAsync(
            async () => (await MoneyApi.LedgerAsync(client, customer)).Count(e => e.Str("type") == "DEBIT"),
            n => n == 6,
            TimeSpan.FromSeconds(30),
            "the six calls to be deducted (the crossing)");
        var sinceCrossing = Stopwatch.StartNew();
        var topped = await Poll.UntilAsync(() => MoneyApi.BalanceAsync(client, customer, currency), b => b == 2_400, TimeSpan.FromSeconds(30), "the auto top-up to arrive");
        Assert.Equal(2_400, topped);
        Assert.True(sinceCrossing.Elapsed < TimeSpan.FromSeconds(5), $"the top-up arrived {sinceCrossing.Elapsed.TotalSeconds:0.0} s after the crossing was visible; the local host promises 5 s");

        var (_, accounts) = await client.GetJsonAsync("/v1/credit-accounts?customerId=" + customer);
        var account = accounts!["accounts"]!.AsArray().Single(a => a.Str("creditCurrencyId") == currency)!;
        Assert.Equal(500, account["autoTopup"]!.Num("threshold"));
        var runtime = account["autoTopupRuntime"]!;
        Assert.Equal((1L, 0L, false), (runtime.Num("totalFiresCount"), runtime.Num("consecutiveFailures"), runtime["isPending"]!.GetValue<bool>()));
        Assert.Equal(2_000, runtime.Num("monthToDateCharge"));
        Assert.Equal("charge", account.Str("effectiveFundingMethod"));

        var (_, attempts) = await client.GetJsonAsync($"/v1/top-up-attempts?customerId={customer}&triggerSource=auto_topup");
        var auto = Assert.Single(attempts!["attempts"]!.AsArray())!;
        Assert.Equal(("succeeded", 2_000L), (auto.Str("status"), auto.Num("amount")));
        Assert.Contains(await MoneyApi.LedgerAsync(client, customer), e => e.Str("reason") == "TOPUP" && e.Num("amount") == 2_000);
    }

    [Fact]
    public async Task A_mode_that_does_not_fit_the_denomination_is_422_naming_the_right_mode_and_disable_keeps_the_rule()
    {
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        var client = app.Client;
        var credits = await MoneyApi.UnitCurrencyAsync(client, centsPerCredit: 2);
        var customer = await MoneyApi.CustomerAsync(client);

        var (mismatch, problem) = await client.PutJsonAsync($"/v1/customers/{customer}/auto-topup-rules/{credits}", new { mode = "amount", threshold = 10, topupAmount = 100 });
        Assert.Equal((422, "AUTO_TOPUP_MODE_MISMATCH"), (mismatch, problem.Str("code")));
        Assert.Contains("package", problem.Str("detail"), StringComparison.Ordinal);

        var (pk, package) = await client.PostAsync("/v1/credit-packages", new { name = "100 credits", creditCurrencyId = credits, credits = 100, price = new { amount = 200, currency = "usd" } });
        Scenario.Ensure(pk, 201, package);
        var (set, _) = await client.PutJsonAsync($"/v1/customers/{customer}/auto-topup-rules/{credits}", new { mode = "package", threshold = 10, creditPackageId = package.Str("id") });
        Assert.Equal(200, set);

        using var delete = await client.DeleteAsync($"/v1/customers/{customer}/auto-topup-rules/{credits}");
        Assert.Equal(200, (int)delete.StatusCode);
        var (_, disabled) = await client.GetJsonAsync($"/v1/customers/{customer}/auto-topup-rules/{credits}");
        Assert.Equal((false, 10L, package.Str("id")), (disabled!["enabled"]!.GetValue<bool>(), disabled.Num("threshold"), disabled.Str("creditPackageId")));

        var (reenabled, again) = await client.PutJsonAsync($"/v1/customers/{customer}/auto-topup-rules/{credits}", new { enabled = true });
        Assert.Equal((200, true, package.Str("id")), (reenabled, again!["enabled"]!.GetValue<bool>(), again.Str("creditPackageId")));
    }
}
