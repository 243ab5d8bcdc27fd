using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using UnitPay.Core.Payments;
using UnitPay.Core.Payments.Stripe;
using UnitPay.Core.Results;
using UnitPay.Testing;

namespace UnitPay.Core.Tests.Payments;

/// <summary>
/// The Stripe adapter through the real Stripe.net client, pointed at a loopback server that answers with Stripe's
/// documented JSON: the requests it sends (idempotency key, off_session, confirm, the default payment method), how it
/// reads a success, a decline and an authentication, and webhooks verified with Stripe's signature scheme.
/// </summary>
public sealed class StripePaymentProviderTests : IAsyncLifetime
{
    private const string WebhookSecret = "whsec_test_loopback";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private FakeStripe _stripe = null!;
    private StripePaymentProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _stripe = await FakeStripe.StartAsync();
        _provider = new StripePaymentProvider(
            new PaymentOptions { Provider = PaymentOptions.Stripe, StripeSecretKey = "sk_test_loopback", StripeWebhookSecret = WebhookSecret, StripeApiBase = _stripe.BaseAddress },
            _clock,
            NullLogger<StripePaymentProvider>.Instance);
    }

    public async Task DisposeAsync() => await _stripe.DisposeAsync();

    private static ChargeRequest Charge(string key, string? method) => new()
    {
        IdempotencyKey = key,
        Amount = 2500,
        Currency = "usd",
        ProviderCustomerId = "cus_fake123",
        PaymentMethodId = method,
        Description = "Top-up",
        Metadata = PaymentMetadata.For("org_1", PaymentMetadata.TopUpPurpose, key, "cus_1"),
    };

    [Fact]
    public async Task An_off_session_charge_is_a_confirmed_PaymentIntent_with_the_attempt_id_as_Idempotency_Key()
    {
        var result = await _provider.ChargeOffSessionAsync(Charge("topup_01key", "pm_card_visa"), None);

        Assert.Equal(ChargeStatus.Succeeded, result.Status);
        Assert.StartsWith("pi_fake_", result.PaymentId, StringComparison.Ordinal);
        var sent = Assert.Single(_stripe.Requests);
        Assert.Equal(("/v1/payment_intents", "topup_01key", "Bearer sk_test_loopback"), (sent.Path, sent.IdempotencyKey, sent.Authorization));
        Assert.Equal("true", sent.Form["confirm"]);
        Assert.Equal("true", sent.Form["off_session"]);
        Assert.Equal(("pm_card_visa", "cus_fake123", "2500", "usd"), (sent.Form["payment_method"], sent.Form["customer"], sent.Form["amount"], sent.Form["currency"]));
        Assert.Equal(("org_1", "topup", "topup_01key"), (sent.Form["metadata[unitpay_org]"], sent.Form["metadata[unitpay_purpose]"], sent.Form["metadata[unitpay_ref]"]));
    }

    [Fact]
    public async Task A_decline_is_a_failed_charge_and_an_authentication_answers_the_client_secret()
    {
        var declined = await _provider.ChargeOffSessionAsync(Charge("topup_02", "pm_card_chargeDeclined"), None);
        var authenticate = await _provider.ChargeOffSessionAsync(Charge("topup_03", "pm_card_authenticationRequired"), None);

        Assert.Equal((ChargeStatus.Failed, "generic_decline"), (declined.Status, declined.ErrorCode));
        Assert.NotNull(declined.PaymentId);
        Assert.Equal(ChargeStatus.RequiresAction, authenticate.Status);
        Assert.Equal(authenticate.PaymentId + "_secret_xyz", authenticate.ClientSecret);
    }

    [Fact]
    public async Task Forms_are_a_PaymentIntent_that_saves_the_method_and_a_SetupIntent_and_customers_carry_their_key()
    {
        var customer = await _provider.EnsureCustomerAsync(new ProviderCustomerRequest { IdempotencyKey = "customer-org_1-cus_1", Name = "Ada" }, None);
        var pay = await _provider.StartPaymentFormAsync(Charge("topup_04", null), None);
        var setup = await _provider.StartSetupFormAsync(new SetupFormRequest { IdempotencyKey = "setup_1", ProviderCustomerId = customer, Metadata = PaymentMetadata.For("org_1", PaymentMetadata.SetupPurpose, "cus_1", "cus_1") }, None);

        var requests = _stripe.Requests.ToList();
        Assert.Equal(["/v1/customers", "/v1/payment_intents", "/v1/setup_intents"], requests.Select(r => r.Path));
        Assert.Equal(["customer-org_1-cus_1", "topup_04", "setup_1"], requests.Select(r => r.IdempotencyKey));
        Assert.Equal("cus_fake123", customer);
        Assert.Equal("off_session", requests[1].Form["setup_future_usage"]);
        Assert.False(requests[1].Form.ContainsKey("confirm"));
        Assert.Equal((pay.IntentId + "_secret_xyz", "seti_fake1_secret_abc"), (pay.ClientSecret, setup.ClientSecret));
        Assert.Equal(("cus_fake123", "off_session"), (requests[2].Form["customer"], requests[2].Form["usage"]));
    }

    [Fact]
    public void A_webhook_signed_with_Stripes_scheme_parses_into_confirmations_and_a_bad_one_is_refused()
    {
        var succeeded = Event("evt_1", "payment_intent.succeeded", FakeStripe.Intent("pi_1", Form("topup_05"), "succeeded"));
        var failedIntent = FakeStripe.Intent("pi_2", Form("topup_06"), "requires_payment_method");
        failedIntent["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["code"] = "card_declined", ["decline_code"] = "insufficient_funds", ["message"] = "Your card has insufficient funds." };
        var failed = Event("evt_2", "payment_intent.payment_failed", failedIntent);
        var setup = Event("evt_3", "setup_intent.succeeded", new JsonObject
        {
            ["id"] = "seti_1", ["object"] = "setup_intent", ["status"] = "succeeded", ["customer"] = "cus_fake123", ["payment_method"] = "pm_saved",
            ["metadata"] = new JsonObject { ["unitpay_org"] = "org_1", ["unitpay_purpose"] = "setup", ["unitpay_ref"] = "cus_1" },
        });

        var ok = Parse(succeeded, WebhookSignature.Sign(succeeded, WebhookSecret, _clock.GetUtcNow()));
        var declined = Parse(failed, WebhookSignature.Sign(failed, WebhookSecret, _clock.GetUtcNow()));
        var saved = Parse(setup, WebhookSignature.Sign(setup, WebhookSecret, _clock.GetUtcNow()));

        var payment = Assert.Single(ok.Value!);
        Assert.Equal((PaymentConfirmationKind.PaymentSucceeded, "evt_1", "pi_1", 2500L, "topup_05"), (payment.Kind, payment.EventId, payment.IntentId, payment.Amount, payment.Metadata[PaymentMetadata.Reference]));
        var decline = Assert.Single(declined.Value!);
        Assert.Equal((PaymentConfirmationKind.PaymentFailed, "insufficient_funds"), (decline.Kind, decline.ErrorCode));
        var method = Assert.Single(saved.Value!);
        Assert.Equal((PaymentConfirmationKind.SetupSucceeded, "pm_saved", "cus_1"), (method.Kind, method.PaymentMethodId, method.Metadata[PaymentMetadata.Reference]));

        Assert.Equal(FailureCodes.WebhookSignatureInvalid, Parse(succeeded, WebhookSignature.Sign(succeeded, "whsec_other", _clock.GetUtcNow())).Failure!.Code);
        Assert.Equal(FailureCodes.WebhookSignatureInvalid, Parse(succeeded.Replace("2500", "9999", StringComparison.Ordinal), WebhookSignature.Sign(succeeded, WebhookSecret, _clock.GetUtcNow())).Failure!.Code);
        Assert.Equal(FailureCodes.WebhookSignatureInvalid, Parse(succeeded, WebhookSignature.Sign(succeeded, WebhookSecret, _clock.GetUtcNow().AddMinutes(-10))).Failure!.Code);
        Assert.Equal(FailureCodes.WebhookSignatureInvalid, _provider.ParseWebhook(succeeded, new Dictionary<string, string>()).Failure!.Code);
        Assert.Empty(Parse(Event("evt_4", "customer.created", new JsonObject { ["id"] = "cus_x", ["object"] = "customer" }), null).Value!);
    }

    private Outcome<IReadOnlyList<PaymentConfirmation>> Parse(string body, string? signature) =>
        _provider.ParseWebhook(body, new Dictionary<string, string> { ["stripe-signature"] = signature ?? WebhookSignature.Sign(body, WebhookSecret, _clock.GetUtcNow()) });

    private static Dictionary<string, string> Form(string reference) => new()
    {
        ["amount"] = "2500",
        ["currency"] = "usd",
        ["customer"] = "cus_fake123",
        ["payment_method"] = "pm_card_visa",
        ["metadata[unitpay_org]"] = "org_1",
        ["metadata[unitpay_purpose]"] = "topup",
        ["metadata[unitpay_ref]"] = reference,
    };

    /// <summary>An event as Stripe sends it to a webhook endpoint (the snapshot payload).</summary>
    private static string Event(string id, string type, JsonObject data) => new JsonObject
    {
        ["id"] = id,
        ["object"] = "event",
        ["api_version"] = global::Stripe.StripeConfiguration.ApiVersion,
        ["created"] = 1773144000,
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = type,
        ["data"] = new JsonObject { ["object"] = data },
    }.ToJsonString();
}
