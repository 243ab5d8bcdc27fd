using Microsoft.Extensions.Logging;
using UnitPay.Core.Customers;
using UnitPay.Core.Results;
using UnitPay.Core.Subscriptions;
using UnitPay.Core.TopUps;

namespace UnitPay.Core.Payments;

/// <summary>
/// The one webhook path, for Stripe's webhooks and the sandbox's alike: verifies the delivery through the configured
/// provider (a bad signature is 400 <see cref="FailureCodes.WebhookSignatureInvalid"/> and changes nothing), then
/// applies each confirmation idempotently: a paid top-up is completed (granted once), a declined one marked failed, a
/// paid subscription cycle lets the cycle proceed, a saved payment method becomes the customer's default. Delivering
/// the same webhook again changes nothing. A confirmation about something this engine does not know is ignored
/// (answered 200, so the provider stops retrying); an infrastructure failure throws (answered 5xx: the provider retries).
/// </summary>
public sealed partial class PaymentWebhookService(
    IPaymentProvider provider,
    TopUpService topUps,
    CustomerPaymentService customers,
    ILogger<PaymentWebhookService> logger,
    CyclePayments? cyclePayments = null,
    SubscriptionCycles? subscriptionCycles = null)
{
    /// <summary><c>POST /v1/webhooks/payments</c> (raw body and headers as received) -> 200 <see cref="WebhookResult"/>, or 400.</summary>
    public async Task<Outcome<WebhookResult>> HandleAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var parsed = provider.ParseWebhook(delivery.RawBody, delivery.Headers);
        if (!parsed.IsSuccess)
        {
            LogRefused(logger, provider.Name, parsed.Failure!.Code);
            return parsed.Failure!;
        }

        int applied = 0, already = 0, ignored = 0;
        foreach (var confirmation in parsed.Value!)
        {
            switch (await ApplyAsync(confirmation, cancellationToken))
            {
                case true:
                    applied++;
                    break;
                case false:
                    already++;
                    break;
                default:
                    ignored++;
                    break;
            }
        }

        return new WebhookResult(parsed.Value!.Count, applied, already, ignored);
    }

    /// <summary>True: it changed something; false: applied before; null: not ours.</summary>
    private async Task<bool?> ApplyAsync(PaymentConfirmation confirmation, CancellationToken cancellationToken)
    {
        var metadata = confirmation.Metadata;
        if (!metadata.TryGetValue(PaymentMetadata.OrgId, out var orgId) || !metadata.TryGetValue(PaymentMetadata.Purpose, out var purpose)
            || !metadata.TryGetValue(PaymentMetadata.Reference, out var reference))
        {
            LogIgnored(logger, confirmation.EventId, confirmation.IntentId);
            return null;
        }

        switch (confirmation.Kind, purpose)
        {
            case (PaymentConfirmationKind.PaymentSucceeded, PaymentMetadata.TopUpPurpose):
                var completed = await topUps.CompleteAttemptAsync(orgId, reference, confirmation.IntentId, cancellationToken);
                if (!completed.IsSuccess)
                {
                    break;
                }

                await SavePaymentMethodAsync(orgId, confirmation, cancellationToken);
                return completed.Value!.GrantApplied;
            case (PaymentConfirmationKind.PaymentFailed, PaymentMetadata.TopUpPurpose):
                var failed = await topUps.FailAttemptAsync(orgId, reference, confirmation.IntentId, confirmation.ErrorCode, confirmation.ErrorMessage, cancellationToken);
                return failed.IsSuccess ? true : null;
            case (PaymentConfirmationKind.PaymentSucceeded or PaymentConfirmationKind.PaymentFailed, PaymentMetadata.SubscriptionCyclePurpose)
                when cyclePayments is not null && subscriptionCycles is not null:
                var (changed, subscriptionId) = await cyclePayments.ConfirmAsync(orgId, reference, confirmation, cancellationToken);
                if (subscriptionId is null)
                {
                    break;
                }

                await SavePaymentMethodAsync(orgId, confirmation, cancellationToken);

                // Paid: the cycle proceeds now (grants issued, the subscription active again); declined: it is marked
                // past_due. Advancing again is harmless, so a redelivery also finishes an advance a crash cut short.
                await subscriptionCycles.AdvanceAsync(orgId, subscriptionId, cancellationToken);
                return changed;
            case (PaymentConfirmationKind.SetupSucceeded, PaymentMetadata.SetupPurpose) when confirmation.PaymentMethodId is { } method:
                var saved = await customers.SetDefaultPaymentMethodAsync(orgId, reference, method, cancellationToken);
                return saved.IsSuccess ? true : null;
        }

        LogIgnored(logger, confirmation.EventId, confirmation.IntentId);
        return null;
    }

    /// <summary>A payment form saves the method the customer paid with (<see cref="PaymentMetadata.SavePaymentMethod"/>): it becomes their default.</summary>
    private async Task SavePaymentMethodAsync(string orgId, PaymentConfirmation confirmation, CancellationToken cancellationToken)
    {
        if (confirmation.Kind == PaymentConfirmationKind.PaymentSucceeded && confirmation.PaymentMethodId is { } method
            && confirmation.Metadata.TryGetValue(PaymentMetadata.SavePaymentMethod, out var save) && save == "true"
            && confirmation.Metadata.TryGetValue(PaymentMetadata.CustomerId, out var customerId))
        {
            await customers.SetDefaultPaymentMethodAsync(orgId, customerId, method, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Provider} webhook was refused: {Code}")]
    private static partial void LogRefused(ILogger logger, string provider, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook event {EventId} about {IntentId} is not about anything this engine knows; ignored")]
    private static partial void LogIgnored(ILogger logger, string eventId, string intentId);
}
