using System.Text.Json.Nodes;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.OpenApi;

/// <summary>
/// A realistic day of the API, every answer checked by <see cref="ConformanceClient"/>: the catalog, customers, grants,
/// usage through the queue worker, the ledger, reservations, plans and subscriptions, packages and top-ups on the
/// sandbox provider, the attempt log, and the errors a caller meets.
/// </summary>
internal sealed class ConformanceScenario(ConformanceClient api, HttpClient anonymous)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public async Task RunAsync()
    {
        Expect(200, await api.SendAsync(HttpMethod.Get, "/v1/health", null, other: anonymous));
        var (currency, unpriced, feature) = await CatalogAsync();
        var (customer, externalId, invoiced, bare) = await CustomersAsync();
        await CreditsAndUsageAsync(currency, feature, externalId);
        await WebhooksAsync(currency, externalId);
        await ReservationsAsync(currency, feature, externalId);
        await PlansAsync(currency, customer, externalId, invoiced);
        await MoneyAsync(currency, unpriced, customer, invoiced, bare);
        await AnalyticsAndPortalAsync(currency, customer);
        await ErrorsAsync(currency);
    }

    private async Task<(string Currency, string Unpriced, string Feature)> CatalogAsync()
    {
        var currency = Expect(201, await api.PostAsync("/v1/credit-currencies", new { name = "AI credits " + _suffix, denomination = "unit", topUpPrice = new { amount = 2, currency = "usd" } })).Str("id");
        Expect(201, await api.PostAsync("/v1/credit-currencies", new
        {
            name = "Dollars " + _suffix,
            denomination = "usd",
            overage = new { mode = "allow", overageLimit = 500, overageBehavior = "invoice_at_billing", overagePricePerUnit = new { amount = 2, currency = "usd" } },
        }));
        var unpriced = Expect(201, await api.PostAsync("/v1/credit-currencies", new { name = "Unpriced " + _suffix, denomination = "unit" })).Str("id");
        Expect(409, await api.PostAsync("/v1/credit-currencies", new { name = "AI credits " + _suffix, denomination = "unit" }));
        Expect(400, await api.PostRawAsync("/v1/credit-currencies", "{\"name\":\"x\",\"denomination\":5}"));
        Expect(200, await api.GetAsync("/v1/credit-currencies"));
        Expect(200, await api.GetAsync("/v1/credit-currencies/" + currency));
        Expect(404, await api.GetAsync("/v1/credit-currencies/ccur_missing"));

        var slug = "ai-generation-" + _suffix;
        var feature = Expect(201, await api.PostAsync("/v1/features", new { slug, name = "AI generation", creditCosts = new[] { new { creditCurrencyId = currency, costPerUnit = 10m } } })).Str("id");
        Expect(200, await api.GetAsync("/v1/features"));
        Expect(200, await api.GetAsync("/v1/features/" + feature));
        Expect(404, await api.GetAsync("/v1/features/feat_missing"));
        return (currency, unpriced, slug);
    }

    private async Task<(string Customer, string ExternalId, string Invoiced, string Bare)> CustomersAsync()
    {
        var externalId = "user_" + _suffix;
        var customer = Expect(201, await api.PostAsync("/v1/customers", new { name = "Ada", email = "ada@example.com", externalId, defaultPaymentMethod = "pm_sandbox_success" })).Str("id");
        Expect(200, await api.GetAsync("/v1/customers/" + externalId));
        Expect(201, await api.PostAsync($"/v1/customers/{customer}/payment-methods/setup"));
        Expect(200, await api.PostAsync($"/v1/customers/{customer}/default-payment-method", new { paymentMethodId = "pm_sandbox_success" }));
        var invoiced = Expect(201, await api.PostAsync("/v1/customers", new { name = "Invoiced", collectionMethod = "send_invoice" })).Str("id");
        var bare = Expect(201, await api.PostAsync("/v1/customers", new { name = "No card" })).Str("id");
        Expect(404, await api.GetAsync("/v1/customers/cus_missing"));
        return (customer, externalId, invoiced, bare);
    }

    private async Task CreditsAndUsageAsync(string currency, string feature, string customer)
    {
        Expect(201, await api.PostAsync("/v1/credit-grants", new { customerId = customer, creditCurrencyId = currency, amount = 1000, reason = "welcome" }));
        var promotional = Expect(201, await api.PostAsync("/v1/credit-grants", new { customerId = customer, creditCurrencyId = currency, amount = 5, source = "promotional", expiresAt = DateTimeOffset.UtcNow.AddDays(30) })).Str("id");
        var account = Expect(200, await api.GetAsync("/v1/credit-accounts?customerId=" + customer))!["accounts"]![0].Str("id");
        Expect(200, await api.GetAsync("/v1/credit-accounts/" + account));
        Expect(404, await api.GetAsync("/v1/credit-accounts/cacc_missing"));

        Expect(200, await api.PostAsync($"/v1/credit-grants/{promotional}/void", new { reason = "campaign ended" }));
        Expect(409, await api.PostAsync($"/v1/credit-grants/{promotional}/void"));

        var tracked = Expect(202, await api.PostAsync("/v1/usage/track", new { customerId = customer, featureSlug = feature, idempotencyKey = "req-1", properties = new { model = "m1" } }));
        var eventId = tracked!["eventIds"]![0]!.GetValue<string>();
        await Poll.UntilAsync(
            async () => (await api.GetAsync($"/v1/usage/events/{eventId}?customerId={customer}")).Body?["status"]?.GetValue<string>(),
            status => status == "applied",
            Deadline,
            "the tracked event to be applied");
        Expect(202, await api.PostAsync("/v1/usage/track", new
        {
            events = new object[]
            {
                new { customerId = customer, featureSlug = feature, quantity = 2m },
                new { customerId = customer, featureSlug = "no-such-feature" },
                new { customerId = customer, featureSlug = feature, quantity = "two" },
            },
        }));
        Expect(404, await api.PostAsync("/v1/usage/track", new { customerId = "user_missing", featureSlug = feature }));
        Expect(413, await api.PostAsync("/v1/usage/track", new { events = Enumerable.Range(0, 1001).Select(_ => new { customerId = customer, featureSlug = feature }).ToArray() }));
        Expect(200, await api.PostAsync("/v1/check", new { customerId = customer, featureSlug = feature, requestedUsage = 3m }));
        Expect(404, await api.PostAsync("/v1/check", new { customerId = customer, featureSlug = "no-such-feature" }));

        Expect(200, await api.GetAsync("/v1/credit-ledger?customerId=" + customer));
        Expect(200, await api.GetAsync($"/v1/credit-ledger?customerId={customer}&type=credit&limit=1"));
        Expect(400, await api.GetAsync($"/v1/credit-ledger?customerId={customer}&createdAfter=yesterday"));

        Expect(200, await api.PostAsync($"/v1/credit-accounts/{account}/freeze"));
        Expect(409, await api.PostAsync("/v1/reservations", new { customerId = customer, creditCurrencyId = currency, amount = 1 })); // WALLET_FROZEN
        Expect(200, await api.PostAsync($"/v1/credit-accounts/{account}/unfreeze"));
    }

    private async Task WebhooksAsync(string currency, string customer)
    {
        // example.invalid never resolves: the attempt fails without an answer (statusCode null) and is retried later.
        var endpoint = Expect(201, await api.PostAsync("/v1/webhook-endpoints", new { url = "https://example.invalid/hooks", eventTypes = new[] { "credit.grant.created", "credit.balance_low" }, description = "conformance" })).Str("id");
        Expect(400, await api.PostAsync("/v1/webhook-endpoints", new { url = "ftp://example.com", eventTypes = new[] { "credit.grant.created" } }));
        Expect(200, await api.GetAsync("/v1/webhook-endpoints"));
        Expect(200, await api.GetAsync("/v1/webhook-endpoints/" + endpoint));
        Expect(404, await api.GetAsync("/v1/webhook-endpoints/whep_missing"));
        var account = Expect(200, await api.GetAsync("/v1/credit-accounts?customerId=" + customer))!["accounts"]![0].Str("id");
        Expect(200, await api.PutAsync($"/v1/credit-accounts/{account}/low-balance-threshold", new { threshold = 10 }));
        Expect(400, await api.PutAsync($"/v1/credit-accounts/{account}/low-balance-threshold", new { threshold = -1 }));
        Expect(201, await api.PostAsync("/v1/credit-grants", new { customerId = customer, creditCurrencyId = currency, amount = 10 }));
        await Poll.UntilAsync(
            async () => (await api.GetAsync($"/v1/webhook-endpoints/{endpoint}/deliveries")).Body?["deliveries"]?.AsArray().Count ?? 0,
            n => n >= 1,
            TimeSpan.FromSeconds(30),
            "a delivery attempt at the conformance endpoint");
        Expect(200, await api.GetAsync($"/v1/webhook-endpoints/{endpoint}/deliveries?limit=1"));
        Expect(400, await api.GetAsync($"/v1/webhook-endpoints/{endpoint}/deliveries?cursor=nope"));
        Expect(200, await api.DeleteAsync("/v1/webhook-endpoints/" + endpoint));
        Expect(404, await api.DeleteAsync("/v1/webhook-endpoints/" + endpoint));
    }

    private async Task ReservationsAsync(string currency, string feature, string customer)
    {
        var hold = Expect(201, await api.PostAsync("/v1/reservations", new { customerId = customer, creditCurrencyId = currency, amount = 50, ttlSeconds = 600, reference = "job-1" })).Str("id");
        Expect(200, await api.GetAsync("/v1/reservations/" + hold));
        Expect(200, await api.PostAsync($"/v1/reservations/{hold}/commit", new { amount = 30 }));
        Expect(409, await api.PostAsync($"/v1/reservations/{hold}/commit"));
        var byFeature = Expect(201, await api.PostAsync("/v1/reservations", new { customerId = customer, featureSlug = feature, quantity = 2m })).Str("id");
        Expect(200, await api.PostAsync($"/v1/reservations/{byFeature}/release"));
        Expect(402, await api.PostAsync("/v1/reservations", new { customerId = customer, creditCurrencyId = currency, amount = 1_000_000 }));
        Expect(404, await api.GetAsync("/v1/reservations/hold_missing"));
    }

    private async Task PlansAsync(string currency, string customer, string externalId, string invoiced)
    {
        var free = Expect(201, await api.PostAsync("/v1/plans", new
        {
            name = "Free",
            price = new { amount = 0, currency = "usd", interval = "month" },
            creditGrantRules = new[] { new { creditCurrencyId = currency, amount = 100, cadence = "per_cycle", rollover = new { percentage = 75, maxCount = 2 } } },
        })).Str("id");
        var paid = Expect(201, await api.PostAsync("/v1/plans", new
        {
            name = "Pro",
            price = new { amount = 1000, currency = "usd", interval = "month" },
            creditGrantRules = new[] { new { creditCurrencyId = currency, amount = 500, cadence = "once", expiresAfter = "P1Y" } },
        })).Str("id");
        Expect(200, await api.GetAsync("/v1/plans"));
        Expect(200, await api.GetAsync("/v1/plans/" + paid));
        Expect(404, await api.GetAsync("/v1/plans/plan_missing"));

        var subscription = Expect(201, await api.PostAsync("/v1/subscriptions", new { customerId = externalId, planId = free }))!["subscription"].Str("id");
        Expect(201, await api.PostAsync("/v1/subscriptions", new { customerId = customer, planId = paid }));
        Expect(201, await api.PostAsync("/v1/subscriptions", new { customerId = invoiced, planId = paid }));
        Expect(200, await api.GetAsync("/v1/subscriptions?customerId=" + externalId));
        Expect(200, await api.GetAsync("/v1/subscriptions/" + subscription));
        Expect(200, await api.PostAsync($"/v1/subscriptions/{subscription}/cancel"));
        Expect(404, await api.GetAsync("/v1/subscriptions/sub_missing"));
        Expect(200, await api.GetAsync("/v1/invoice-lines?customerId=" + invoiced));
    }

    private async Task MoneyAsync(string currency, string unpriced, string customer, string invoiced, string bare)
    {
        var package = Expect(201, await api.PostAsync("/v1/credit-packages", new { name = "1,000 credits", creditCurrencyId = currency, credits = 1000, price = new { amount = 1500, currency = "usd" }, expiresAfter = "P1Y" })).Str("id");
        Expect(200, await api.GetAsync("/v1/credit-packages"));
        Expect(200, await api.GetAsync("/v1/credit-packages/" + package));
        Expect(201, await api.PostAsync($"/v1/credit-packages/{package}/purchase", new { customerId = customer }));
        await AutoTopUpAsync(currency, customer, package);
        Expect(200, await api.PostAsync($"/v1/credit-packages/{package}/archive"));
        Expect(200, await api.GetAsync("/v1/credit-packages?includeArchived=true&limit=5"));
        Expect(409, await api.PostAsync($"/v1/credit-packages/{package}/purchase", new { customerId = customer }));

        var attempt = Expect(201, await api.PostAsync("/v1/top-ups", new { customerId = customer, creditCurrencyId = currency, amount = 500 }))!["topUp"].Str("id");
        Expect(201, await api.PostAsync("/v1/top-ups", new { customerId = customer, creditCurrencyId = currency, amount = 100, forceForm = true }));
        Expect(201, await api.PostAsync("/v1/top-ups", new { customerId = invoiced, creditCurrencyId = currency, amount = 100 }));
        Expect(402, await api.PostAsync("/v1/top-ups", new { customerId = bare, creditCurrencyId = currency, amount = 100 }));
        Expect(422, await api.PostAsync("/v1/top-ups", new { customerId = customer, creditCurrencyId = unpriced, amount = 100 }));
        Expect(200, await api.GetAsync("/v1/top-up-attempts?customerId=" + customer));
        Expect(200, await api.GetAsync($"/v1/topup-attempts?customerId={customer}&status=succeeded&triggerSource=manual&limit=2"));
        Expect(200, await api.GetAsync("/v1/top-up-attempts/" + attempt));
        Expect(200, await api.GetAsync("/v1/topup-attempts/" + attempt));
        Expect(404, await api.GetAsync("/v1/top-up-attempts/topup_missing"));
        Expect(200, await api.GetAsync("/v1/invoice-lines?customerId=" + invoiced));
    }

    private async Task AutoTopUpAsync(string currency, string customer, string package)
    {
        var rule = $"/v1/customers/{customer}/auto-topup-rules/{currency}";
        Expect(200, await api.PutAsync(rule, new { mode = "package", threshold = 10, creditPackageId = package, monthlyChargeLimit = 10_000 }));
        Expect(200, await api.GetAsync(rule));
        Expect(200, await api.GetAsync("/v1/credit-accounts?customerId=" + customer)); // the account with its rule and runtime
        Expect(200, await api.DeleteAsync(rule));
        Expect(422, await api.PutAsync(rule, new { mode = "amount", threshold = 10, topupAmount = 100 }));
        Expect(404, await api.GetAsync($"/v1/customers/cus_missing/auto-topup-rules/{currency}"));
    }

    private async Task AnalyticsAndPortalAsync(string currency, string customer)
    {
        Expect(200, await api.GetAsync($"/v1/usage/burn-rate?customerId={customer}&creditCurrencyId={currency}&window=7d"));
        Expect(400, await api.GetAsync($"/v1/usage/burn-rate?customerId={customer}&creditCurrencyId={currency}&window=forever"));
        Expect(404, await api.GetAsync($"/v1/usage/burn-rate?customerId=cus_missing&creditCurrencyId={currency}"));
        var account = Expect(200, await api.GetAsync("/v1/credit-accounts?customerId=" + customer))!["accounts"]![0].Str("id");
        Expect(200, await api.GetAsync($"/v1/credit-accounts/{account}/balance"));
        Expect(200, await api.GetAsync($"/v1/credit-accounts/{account}/balance?asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}"));
        Expect(400, await api.GetAsync($"/v1/credit-accounts/{account}/balance?asOf=yesterday"));
        Expect(404, await api.GetAsync("/v1/credit-accounts/cacc_missing/balance"));

        var session = Expect(201, await api.PostAsync($"/v1/customers/{customer}/portal-sessions", new { returnUrl = "https://app.example.com/billing" }));
        Expect(400, await api.PostAsync($"/v1/customers/{customer}/portal-sessions", new { returnUrl = "javascript:alert(1)" }));
        Expect(404, await api.PostAsync("/v1/customers/cus_missing/portal-sessions"));
        var page = new Uri(session.Str("url")).AbsolutePath;
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = anonymous.BaseAddress };
        Expect(200, await api.SendAsync(HttpMethod.Get, page, null, other: browser));
        Expect(401, await api.SendAsync(HttpMethod.Get, page + "x", null, other: browser));
        var token = Uri.UnescapeDataString(page["/portal/".Length..]);
        FormUrlEncodedContent Form(params (string, string)[] fields) =>
            new([new("token", token), new("nonce", Guid.NewGuid().ToString("N")), .. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))]);
        Expect(303, await api.SendAsync(HttpMethod.Post, page + "/top-up", Form(("creditCurrencyId", currency), ("amount", "10")), other: browser));
        Expect(400, await api.SendAsync(HttpMethod.Post, page + "/top-up", Form(("creditCurrencyId", currency), ("amount", "ten")), other: browser));
        Expect(404, await api.SendAsync(HttpMethod.Post, page + "/purchase", Form(("packageId", "cpkg_missing")), other: browser));
        Expect(303, await api.SendAsync(HttpMethod.Post, page + "/auto-topup", Form(("creditCurrencyId", currency), ("action", "off")), other: browser));
        Expect(401, await api.SendAsync(HttpMethod.Post, page + "x/auto-topup", Form(("creditCurrencyId", currency), ("action", "off")), other: browser));
        using var forged = new FormUrlEncodedContent([new("token", "not-the-token"), new("nonce", Guid.NewGuid().ToString("N")), new("creditCurrencyId", currency), new("amount", "10")]);
        Expect(403, await api.SendAsync(HttpMethod.Post, page + "/top-up", forged, other: browser));
    }

    private async Task ErrorsAsync(string currency)
    {
        Expect(401, await api.SendAsync(HttpMethod.Get, "/v1/credit-currencies", null, other: anonymous));
        Expect(201, await api.PostAsync("/v1/customers", new { name = "Once" }, idempotencyKey: "key-" + _suffix));
        Expect(201, await api.PostAsync("/v1/customers", new { name = "Once" }, idempotencyKey: "key-" + _suffix));
        Expect(409, await api.PostAsync("/v1/customers", new { name = "Twice" }, idempotencyKey: "key-" + _suffix));
        Expect(400, await api.PostAsync("/v1/credit-grants", new { customerId = "user_x", creditCurrencyId = currency }));
        Expect(400, await api.PostRawAsync("/v1/webhooks/payments", "{\"type\":\"payment_intent.succeeded\"}"));
    }

    private static JsonNode? Expect(int status, (int Status, JsonNode? Body) answer) =>
        answer.Status == status ? answer.Body : throw new InvalidOperationException($"Expected HTTP {status}, got {answer.Status}: {answer.Body?.ToJsonString()}");
}
