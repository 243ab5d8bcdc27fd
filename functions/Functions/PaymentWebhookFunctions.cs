using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.Payments;
using UnitPay.Core.Payments.Sandbox;
using UnitPay.Functions.Api;
using UnitPay.Functions.Configuration;

namespace UnitPay.Functions.Functions;

/// <summary>
/// The payment provider's confirmations: Stripe posts its webhooks to <c>/v1/webhooks/payments</c> (no API key: the
/// provider's signature over the raw body authenticates it); the sandbox posts its own to a queue that
/// <c>DeliverSandboxWebhookQueue</c> hands to the same webhook service, so both arrive asynchronously by one path.
/// </summary>
public sealed partial class PaymentWebhookFunctions(PaymentWebhookService webhooks, IEnumerable<SandboxWebhookRelay> sandboxRelay, ILogger<PaymentWebhookFunctions> logger)
{
    /// <summary>
    /// 200 <c>{confirmations, applied, alreadyApplied, ignored}</c> (a redelivery applies nothing again); 400
    /// WEBHOOK_SIGNATURE_INVALID, changing nothing, for a body the signature does not cover. A storage fault is a 500,
    /// so the provider retries.
    /// </summary>
    [Function("ReceivePaymentWebhookHttp")]
    public async Task<IResult> ReceiveAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/webhooks/payments")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);

        // The signature covers the exact bytes sent, so the body is read raw, never parsed and re-serialized first.
        string raw;
        using (var reader = new StreamReader(req.Body, System.Text.Encoding.UTF8))
        {
            raw = await reader.ReadToEndAsync(req.HttpContext.RequestAborted);
        }

        var headers = req.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var handled = await webhooks.HandleAsync(new WebhookDelivery(raw, headers), req.HttpContext.RequestAborted);
        return handled.IsSuccess ? Results.Ok(handled.Value) : Problems.From(handled.Failure!);
    }

    /// <summary>
    /// Sandbox mode: delivers each webhook the sandbox posts (signed as it is sent) through the webhook service. A refused
    /// one is logged and dropped; a fault throws, so the message returns and, after host.json's maxDequeueCount, is
    /// poisoned. With the Stripe provider nothing posts to this queue.
    /// </summary>
    [Function("DeliverSandboxWebhookQueue")]
    public async Task DeliverSandboxWebhookAsync(
        [QueueTrigger("%" + SettingNames.SandboxWebhookQueue + "%", Connection = SettingNames.Storage)] string message,
        CancellationToken cancellationToken)
    {
        if (sandboxRelay.FirstOrDefault() is not { } relay)
        {
            LogNotSandbox(logger);
            return;
        }

        await relay.DeliverAsync(message, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message on the sandbox webhook queue was dropped: the payment provider is not the sandbox")]
    private static partial void LogNotSandbox(ILogger logger);
}
