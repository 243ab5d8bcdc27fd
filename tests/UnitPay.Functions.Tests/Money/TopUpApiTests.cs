using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Money;

/// <summary>Top-ups, credit packages, paid plans and the attempt log over HTTP on the sandbox provider, against Azurite.</summary>
public sealed class TopUpApiTests
{
    private static readonly Dictionary<string, string?> NoTriggers = new() { ["UNITPAY_LOCAL_TRIGGERS"] = "false" };

    [Fact]
    public async Task The_curl_walkthrough_tops_up_by_card_and_buys_a_package_into_the_ledger()
    {
        await using var app = await TestApp.StartAsync(settings: NoTriggers);
        var client = app.Client;
        var currency = await MoneyApi.UnitCurrencyAsync(client, centsPerCredit: 2);
        var customer = await MoneyApi.CustomerAsync(client, "pm_sandbox_success");

        var (status, topUp) = await client.PostAsync("/v1/top-ups", new { customerId = customer, creditCurrencyId = currency, amount = 500 });

        Assert.Equal((201, "charged_inline"), (status, topUp.Str("kind")));
        Assert.Equal(("succeeded", "charge", "manual"), (topUp!["topUp"].Str("status"), topUp["topUp"].Str("fundingMethod"), topUp["topUp"].Str("triggerSource")));
        Assert.Equal((1000L, "usd"), (topUp["topUp"]!["chargeAmount"].Num("amount"), topUp["topUp"]!["chargeAmount"].Str("currency"))); // 500 credits at 2 cents
        Assert.Equal(500, await MoneyApi.BalanceAsync(client, customer, currency));
        Assert.Contains(await MoneyApi.LedgerAsync(client, customer), e => e.Str("type") == "CREDIT" && e.Str("reason") == "TOPUP" && e.Num("amount") == 500);

        var (created, package) = await client.PostAsync("/v1/credit-packages", new
        {
            name = "1,000 credits",
            creditCurrencyId = currency,
            credits = 1000,
            price = new { amount = 1500, currency = "usd" },
            expiresAfter = "P1Y",
        });
        Scenario.Ensure(created, 201, package);
        var packageId = package.Str("id");
        Assert.Equal(200, (await client.GetJsonAsync("/v1/credit-packages/" + packageId)).Status);
        Assert.Contains((await client.GetJsonAsync("/v1/credit-packages")).Body!["packages"]!.AsArray(), p => p.Str("id") == packageId);

        var (bought, purchase) = await client.PostAsync($"/v1/credit-packages/{packageId}/purchase", new { customerId = customer });

        Assert.Equal((201, "charged_inline"), (bought, purchase.Str("kind")));
        Assert.Equal(packageId, purchase!["topUp"].Str("packageId"));
        Assert.Equal(1500, await MoneyApi.BalanceAsync(client, customer, currency));
        var packageEntry = Assert.Single(await MoneyApi.LedgerAsync(client, customer), e => e.Str("reason") == "PACKAGE_PURCHASE");
        var (_, account) = await client.GetJsonAsync("/v1/credit-accounts?customerId=" + customer);
        var packageGrant = Assert.Single(account!["accounts"]![0]!["grants"]!.AsArray(), g => g.Str("id") == packageEntry.Str("grantId"));
        Assert.Equal(50, packageGrant.Num("priority")); // the package priority of CREDITS.md
        Assert.NotNull(packageGrant!["expiresAt"]);

        var (archived, archivedPackage) = await client.PostAsync($"/v1/credit-packages/{packageId}/archive", new { });
        Assert.Equal((200, "archived"), (archived, archivedPackage.Str("status")));
        Assert.Equal(409, (await client.PostAsync($"/v1/credit-packages/{packageId}/purchase", new { customerId = customer })).Status);
        Assert.DoesNotContain((await client.GetJsonAsync("/v1/credit-packages")).Body!["packages"]!.AsArray(), p => p.Str("id") == packageId);
        Assert.Equal(1500, await MoneyApi.BalanceAsync(client, customer, currency));
    }

    [Fact]
    public async Task A_send_invoice_customer_gets_the_credits_now_and_an_invoice_line()
    {
        await using var app = await TestApp.StartAsync(settings: NoTriggers);
        var currency = await MoneyApi.UnitCurrencyAsync(app.Client, centsPerCredit: 3);
        var customer = await MoneyApi.CustomerAsync(app.Client, paymentMethod: null, collectionMethod: "send_invoice");

        var (status, settled) = await app.Client.PostAsync("/v1/top-ups", new { customerId = customer, creditCurrencyId = currency, amount = 100 });

        Assert.Equal((201, "invoice_added"), (status, settled.Str("kind")));
        Assert.Equal(300, settled!["invoiceLine"].Num("amount"));
        Assert.Equal(("succeeded", "invoice"), (settled["topUp"].Str("status"), settled["topUp"].Str("fundingMethod")));
        Assert.Equal(100, await MoneyApi.BalanceAsync(app.Client, customer, currency));
        var lines = (await app.Client.GetJsonAsync("/v1/invoice-lines?customerId=" + customer)).Body!["invoiceLines"]!.AsArray();
        Assert.Equal(settled["invoiceLine"].Str("id"), Assert.Single(lines).Str("id"));
    }

    [Fact]
    public async Task Refused_top_ups_answer_their_problem_and_grant_nothing()
    {
        await using var app = await TestApp.StartAsync(settings: NoTriggers);
        var client = app.Client;
        var currency = await MoneyApi.UnitCurrencyAsync(client);
        var noMethod = await MoneyApi.CustomerAsync(client, paymentMethod: null);
        var declined = await MoneyApi.CustomerAsync(client, "pm_sandbox_decline");

        var (s1, p1) = await client.PostAsync("/v1/top-ups", new { customerId = noMethod, creditCurrencyId = currency, amount = 100 });
        Assert.Equal((402, "TOPUP_REQUIRES_PM"), (s1, p1.Str("code")));

        var (s2, p2) = await client.PostAsync("/v1/top-ups", new { customerId = declined, creditCurrencyId = currency, amount = 100 });
        Assert.Equal((402, "PAYMENT_FAILED"), (s2, p2.Str("code")));

        var unpriced = await MoneyApi.UnitCurrencyAsync(client, centsPerCredit: null);
        var (s3, p3) = await client.PostAsync("/v1/top-ups", new { customerId = declined, creditCurrencyId = unpriced, amount = 100 });
        Assert.Equal((422, "TOPUP_NOT_PRICED"), (s3, p3.Str("code")));

        Assert.Equal(400, (await client.PostAsync("/v1/top-ups", new { customerId = declined, creditCurrencyId = currency, amount = 0 })).Status);
        Assert.Equal(400, (await client.PostAsync("/v1/top-ups", new { customerId = declined, creditCurrencyId = currency, amount = 1_000_000_001 })).Status); // over UNITPAY_TOPUP_MAX_AMOUNT's default
        var (s4, p4) = await client.PostAsync("/v1/top-ups", new { amount = 5 });
        Assert.Equal(["creditCurrencyId", "customerId"], p4!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(400, s4);
        Assert.Equal(400, (await client.PostAsync("/v1/top-ups", new { customerId = declined, creditCurrencyId = "ccur/../x", amount = 5 })).Status);
        Assert.Equal(404, (await client.PostAsync("/v1/top-ups", new { customerId = "cus_nosuchcustomer", creditCurrencyId = currency, amount = 5 })).Status);

        Assert.Equal(0, await MoneyApi.BalanceAsync(client, noMethod, currency));
        Assert.Equal(0, await MoneyApi.BalanceAsync(client, declined, currency));
        var (_, failed) = await client.GetJsonAsync($"/v1/top-up-attempts?customerId={declined}&status=failed");
        Assert.Equal("card_declined", Assert.Single(failed!["attempts"]!.AsArray()).Str("errorCode"));
    }

    [Fact]
    public async Task A_package_or_amount_in_another_currency_is_422_and_a_frozen_wallet_is_409()
    {
        await using var app = await TestApp.StartAsync(settings: NoTriggers);
        var client = app.Client;
        var credits = await MoneyApi.UnitCurrencyAsync(client);
        var other = await MoneyApi.UnitCurrencyAsync(client);
        var (_, usdWallet) = await client.PostAsync("/v1/credit-currencies", new { name = "Prepaid " + Guid.NewGuid().ToString("N")[..6], denomination = "usd" });
        var customer = await MoneyApi.CustomerAsync(client);
        var (_, package) = await client.PostAsync("/v1/credit-packages", new { name = "Pack", creditCurrencyId = credits, credits = 100, price = new { amount = 500, currency = "usd" } });

        var (s1, p1) = await client.PostAsync($"/v1/credit-packages/{package.Str("id")}/purchase", new { customerId = customer, creditCurrencyId = other });
        Assert.Equal((422, "CURRENCY_MISMATCH"), (s1, p1.Str("code")));
        var (s2, p2) = await client.PostAsync("/v1/top-ups", new { customerId = customer, creditCurrencyId = usdWallet.Str("id"), amount = 500, currency = "eur" });
        Assert.Equal((422, "CURRENCY_MISMATCH"), (s2, p2.Str("code")));

        var (granted, grant) = await client.PostAsync("/v1/credit-grants", new { customerId = customer, creditCurrencyId = credits, amount = 1 });
        Scenario.Ensure(granted, 201, grant);
        Scenario.Ensure((await client.PostAsync($"/v1/credit-accounts/{grant.Str("creditAccountId")}/freeze", new { })).Status, 200, null);

        var (s3, p3) = await client.PostAsync("/v1/top-ups", new { customerId = customer, creditCurrencyId = credits, amount = 100 });
        Assert.Equal((409, "WALLET_FROZEN"), (s3, p3.Str("code")));
        Assert.Equal(404, (await client.PostAsync("/v1/credit-packages/cpkg_nosuchpackage/purchase", new { customerId = customer })).Status);
        Assert.Equal(1, await MoneyApi.BalanceAsync(client, customer, credits));
    }

    [Fact]
    public async Task Attempts_are_listed_newest_first_with_filters_and_a_cursor_under_both_spellings()
    {
        await using var app = await TestApp.StartAsync(settings: NoTriggers);
        var client = app.Client;
        var currency = await MoneyApi.UnitCurrencyAsync(client);
        var ada = await MoneyApi.CustomerAsync(client);
        var bob = await MoneyApi.CustomerAsync(client, "pm_sandbox_decline");
        var ids = new List<string>();
        foreach (var amount in new[] { 10, 20, 30 })
        {
            var (status, settled) = await client.PostAsync("/v1/top-ups", new { customerId = ada, creditCurrencyId = currency, amount });
            Scenario.Ensure(status, 201, settled);
            ids.Add(settled!["topUp"].Str("id"));
        }

        Assert.Equal(402, (await client.PostAsync("/v1/top-ups", new { customerId = bob, creditCurrencyId = currency, amount = 5 })).Status);

        var (_, all) = await client.GetJsonAsync($"/v1/top-up-attempts?customerId={ada}&currencyId={currency}&status=succeeded&triggerSource=manual");
        Assert.Equal(ids.AsEnumerable().Reverse(), all!["attempts"]!.AsArray().Select(a => a.Str("id")));

        var (_, first) = await client.GetJsonAsync($"/v1/topup-attempts?customerId={ada}&limit=2");
        var (_, second) = await client.GetJsonAsync($"/v1/topup-attempts?customerId={ada}&limit=2&cursor={first.Str("nextCursor")}");
        Assert.Equal(ids.AsEnumerable().Reverse(), first!["attempts"]!.AsArray().Concat(second!["attempts"]!.AsArray()).Select(a => a.Str("id")));
        Assert.Null(second["nextCursor"]);

        var (_, failed) = await client.GetJsonAsync("/v1/top-up-attempts?status=failed");
        Assert.Equal(bob, Assert.Single(failed!["attempts"]!.AsArray()).Str("customerId"));
        Assert.Equal(ids[0], (await client.GetJsonAsync("/v1/topup-attempts/" + ids[0])).Body.Str("id"));
        Assert.Equal(404, (await client.GetJsonAsync("/v1/top-up-attempts/topup_nosuchattempt")).Status);
        Assert.Equal(400, (await client.GetJsonAsync("/v1/top-up-attempts?status=done")).Status);
        Assert.Equal(400, (await client.GetJsonAsync("/v1/top-up-attempts?limit=0")).Status);
        Assert.Equal(3, (await client.GetJsonAsync($"/v1/top-up-attempts?customerId={ada}&limit=1000")).Body!["attempts"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_paid_plan_for_a_card_customer_is_charged_inline_and_its_credits_granted()
    {
        await using var app = await TestApp.StartAsync(settings: NoTriggers);
        var client = app.Client;
        var currency = await MoneyApi.UnitCurrencyAsync(client);
        var customer = await MoneyApi.CustomerAsync(client, "pm_sandbox_success");
        var (planStatus, plan) = await client.PostAsync("/v1/plans", new
        {
            name = "Pro",
            price = new { amount = 2900, currency = "usd", interval = "month" },
            creditGrantRules = new[] { new { creditCurrencyId = currency, amount = 1000, cadence = "per_cycle" } },
        });
        Scenario.Ensure(planStatus, 201, plan);

        var (status, subscribed) = await client.PostAsync("/v1/subscriptions", new { customerId = customer, planId = plan.Str("id") });

        Assert.Equal((201, "charged_inline", "active"), (status, subscribed.Str("kind"), subscribed!["subscription"].Str("status")));
        Assert.Equal(1000, await MoneyApi.BalanceAsync(client, customer, currency));

        var noMethod = await MoneyApi.CustomerAsync(client, paymentMethod: null);
        var (formStatus, form) = await client.PostAsync("/v1/subscriptions", new { customerId = noMethod, planId = plan.Str("id"), forceForm = true });
        Assert.Equal((201, "requires_form"), (formStatus, form.Str("kind")));
        Assert.False(string.IsNullOrEmpty(form!["client"].Str("clientSecret")));
        Assert.Equal(0, await MoneyApi.BalanceAsync(client, noMethod, currency));
    }

    [Fact]
    public async Task A_payment_method_setup_answers_a_client_secret_and_a_default_method_can_be_named()
    {
        await using var app = await TestApp.StartAsync(settings: NoTriggers);
        var customer = await MoneyApi.CustomerAsync(app.Client, paymentMethod: null);

        var (status, setup) = await app.Client.PostAsync($"/v1/customers/{customer}/payment-methods/setup", new { });
        Assert.Equal(201, status);
        Assert.False(string.IsNullOrEmpty(setup.Str("clientSecret")));

        var (named, updated) = await app.Client.PostAsync($"/v1/customers/{customer}/default-payment-method", new { paymentMethodId = "pm_sandbox_success" });
        Assert.Equal((200, "pm_sandbox_success"), (named, updated.Str("defaultPaymentMethodId")));
        Assert.Equal(400, (await app.Client.PostAsync($"/v1/customers/{customer}/default-payment-method", new { paymentMethodId = "card 4242" })).Status);
        Assert.Equal(404, (await app.Client.PostAsync("/v1/customers/cus_nosuchcustomer/payment-methods/setup", new { })).Status);
    }
}
