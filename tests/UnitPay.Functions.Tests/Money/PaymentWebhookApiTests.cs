using System.Text;
using System.Text.Json.Nodes;
using UnitPay.Core.Payments;
using UnitPay.Core.Payments.Sandbox;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Money;

/// <summary>
/// Confirmations by webhook: the sandbox's arrive asynchronously through its queue function and the webhook service;
/// <c>POST /v1/webhooks/payments</c> needs no API key, verifies the signature over the raw body and applies a
/// confirmation once however often it is delivered.
/// </summary>
public sealed class PaymentWebhookApiTests
{
    [Fact]
    public async Task A_form_top_up_is_granted_once_when_the_sandbox_confirmation_arrives_through_the_webhook_queue()
    {
        await using var app = await TestApp.StartAsync(); // the local host's triggers run DeliverSandboxWebhookQueue
        var client = app.Client;
        var currency = await MoneyApi.UnitCurrencyAsync(client);
        var customer = await MoneyApi.CustomerAsync(client, paymentMethod: null);

        var (status, settled) = await client.PostAsync("/v1/top-ups", new { customerId = customer, creditCurrencyId = currency, amount = 250, forceForm = true });

        Assert.Equal((201, "requires_form", "pending", "form"), (status, settled.Str("kind"), settled!["topUp"].Str("status"), settled["topUp"].Str("fundingMethod")));
        Assert.False(string.IsNullOrEmpty(settled["client"].Str("clientSecret")));
        Assert.Equal(0, await MoneyApi.BalanceAsync(client, customer, currency));

        // The customer pays in the browser (simulated by the sandbox); its webhook is queued and delivered asynchronously.
        await app.Service<SandboxPaymentProvider>().CompletePaymentFormAsync(settled["client"].Str("paymentId"), SandboxPaymentMethods.Success, CancellationToken.None);
        var attemptId = settled["topUp"].Str("id");
        var done = await Poll.UntilAsync(() => MoneyApi.AttemptAsync(client, attemptId), a => a.Str("status") != "pending", TimeSpan.FromSeconds(30), "the sandbox webhook to complete the attempt");

        Assert.Equal("succeeded", done.Str("status"));
        Assert.Equal(250, await MoneyApi.BalanceAsync(client, customer, currency));
        Assert.Single(await MoneyApi.LedgerAsync(client, customer), e => e.Str("reason") == "TOPUP");
    }

    [Fact]
    public async Task A_webhook_with_a_bad_signature_is_400_and_the_same_webhook_delivered_three_times_grants_once()
    {
        // Triggers off: the sandbox's webhook stays queued, and this test delivers it by HTTP itself.
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_LOCAL_TRIGGERS"] = "false" });
        var client = app.Client;
        var sandbox = app.Service<SandboxPaymentProvider>();
        var currency = await MoneyApi.UnitCurrencyAsync(client);
        var customer = await MoneyApi.CustomerAsync(client, paymentMethod: null);
        var (_, settled) = await client.PostAsync("/v1/top-ups", new { customerId = customer, creditCurrencyId = currency, amount = 70, forceForm = true });
        var paymentId = settled!["client"].Str("paymentId");
        var attemptId = settled["topUp"].Str("id");
        await sandbox.CompletePaymentFormAsync(paymentId, SandboxPaymentMethods.Success, CancellationToken.None);
        var body = Assert.Single(await sandbox.ReadEventsAsync(paymentId, CancellationToken.None));
        var signed = sandbox.Sign(body);
        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress }; // no API key: the signature authenticates

        var forged = await PostWebhookAsync(anonymous, body, WebhookSignature.Sign(body, "whsec_not_the_secret", DateTimeOffset.UtcNow));
        var tampered = await PostWebhookAsync(anonymous, body.Replace("\"amount\":140", "\"amount\":1", StringComparison.Ordinal) + " ", signed.Headers[SandboxPaymentProvider.SignatureHeader]);
        var unsigned = await PostWebhookAsync(anonymous, body, null);

        Assert.All(new[] { forged, tampered, unsigned }, r => Assert.Equal((400, "WEBHOOK_SIGNATURE_INVALID"), (r.Status, r.Body.Str("code"))));
        Assert.Equal("pending", (await MoneyApi.AttemptAsync(client, attemptId)).Str("status"));
        Assert.Equal(0, await MoneyApi.BalanceAsync(client, customer, currency));

        var deliveries = new List<JsonNode?>();
        for (var i = 0; i < 3; i++)
        {
            var (status, result) = await PostWebhookAsync(anonymous, body, sandbox.Sign(body).Headers[SandboxPaymentProvider.SignatureHeader]);
            Assert.Equal(200, status);
            deliveries.Add(result);
        }

        Assert.Equal([1L, 0L, 0L], deliveries.Select(d => d.Num("applied")));
        Assert.Equal("succeeded", (await MoneyApi.AttemptAsync(client, attemptId)).Str("status"));
        Assert.Equal(70, await MoneyApi.BalanceAsync(client, customer, currency));
        Assert.Single(await MoneyApi.LedgerAsync(client, customer), e => e.Str("reason") == "TOPUP");
    }

    private static async Task<(int Status, JsonNode? Body)> PostWebhookAsync(HttpClient client, string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/payments") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(SandboxPaymentProvider.SignatureHeader, signature);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
