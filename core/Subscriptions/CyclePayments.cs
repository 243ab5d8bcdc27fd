using Microsoft.Extensions.Logging;
using UnitPay.Core.Customers;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Payments;
using UnitPay.Core.Plans;
using UnitPay.Core.Storage;
using UnitPay.Core.TopUps;

namespace UnitPay.Core.Subscriptions;

/// <summary>
/// Collects the price of paid cycles from card (<c>charge_automatically</c>) subscribers: charges the saved payment
/// method off-session, or starts a payment form when there is none (or the subscriber asked for one). The cycle's
/// payment row is the record and its id the idempotency key, so a cycle is charged once however often the grant timer
/// comes back to it; a declined charge is not retried here (the top-up sweeper's back-off is the place for that).
/// </summary>
public sealed partial class CyclePayments(
    CyclePaymentStore store,
    CustomerStore customers,
    CustomerPaymentService payments,
    IPaymentProvider provider,
    TimeProvider clock,
    ILogger<CyclePayments> logger)
{
    private readonly Polly.ResiliencePipeline _concurrency = StorageResilience.OptimisticConcurrency(clock, maxAttempts: 10);

    public string ProviderName => provider.Name;

    public static string IdFor(string orgId, string subscriptionId, DateTimeOffset cycleStart) =>
        Ids.Derived("subpay", orgId, subscriptionId, CycleGrantIds.Instant(cycleStart));

    /// <summary>True when the customer has a saved payment method to charge.</summary>
    public async Task<bool> HasPaymentMethodAsync(string orgId, string customerId, CancellationToken cancellationToken) =>
        (await customers.FindAsync(orgId, customerId, cancellationToken))?.DefaultPaymentMethodId is not null;

    /// <summary>Records the cycle's payment (once), saying whether it is paid in a form.</summary>
    public Task<CyclePayment> PrepareAsync(string orgId, Subscription subscription, Plan plan, (DateTimeOffset Start, DateTimeOffset End) cycle, bool useForm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(plan);
        var now = clock.GetUtcNow();
        return store.GetOrAddAsync(orgId, new CyclePayment
        {
            Id = IdFor(orgId, subscription.Id, cycle.Start),
            SubscriptionId = subscription.Id,
            CustomerId = subscription.CustomerId,
            CycleStart = cycle.Start,
            CycleEnd = cycle.End,
            Amount = plan.Price.Amount,
            Currency = plan.Price.Currency ?? throw new InvalidDataException($"Plan {plan.Id} has a price but no currency."),
            Status = TopUpStatus.Pending,
            UseForm = useForm,
            CreatedAt = now,
            UpdatedAt = now,
        }, cancellationToken);
    }

    /// <summary>
    /// Takes the cycle's payment as far as it goes now and answers it: <c>succeeded</c> (grant the cycle), <c>failed</c>
    /// (declined), or <c>pending</c> (a form or authentication to complete, or the provider still settling). Throws
    /// <see cref="PaymentProviderUnavailableException"/> when the provider does not answer (the timer tries again, with the same key).
    /// </summary>
    public async Task<CyclePayment> CollectAsync(string orgId, Subscription subscription, Plan plan, (DateTimeOffset Start, DateTimeOffset End) cycle, CancellationToken cancellationToken)
    {
        var payment = await PrepareAsync(orgId, subscription, plan, cycle, useForm: false, cancellationToken);
        if (payment.Status != TopUpStatus.Pending || payment.ClientSecret is not null)
        {
            return payment;
        }

        var customer = await customers.FindAsync(orgId, subscription.CustomerId, cancellationToken)
            ?? throw new InvalidDataException($"Subscription {subscription.Id} names customer {subscription.CustomerId}, which does not exist.");
        var providerCustomer = await payments.EnsureProviderCustomerAsync(orgId, customer, cancellationToken);
        var metadata = PaymentMetadata.For(orgId, PaymentMetadata.SubscriptionCyclePurpose, payment.Id, customer.Id, subscription.Id, savePaymentMethod: payment.UseForm || customer.DefaultPaymentMethodId is null);
        var request = new ChargeRequest
        {
            IdempotencyKey = payment.Id,
            Amount = payment.Amount,
            Currency = payment.Currency,
            ProviderCustomerId = providerCustomer,
            PaymentMethodId = customer.DefaultPaymentMethodId,
            Description = $"Subscription {subscription.Id}, {cycle.Start.UtcDateTime:yyyy-MM-dd} to {cycle.End.UtcDateTime:yyyy-MM-dd}",
            Metadata = metadata,
        };
        var now = clock.GetUtcNow();
        if (payment.UseForm || customer.DefaultPaymentMethodId is null)
        {
            var form = await provider.StartPaymentFormAsync(request with { PaymentMethodId = null }, cancellationToken);
            return await UpdateAsync(orgId, payment.Id, p => p.ClientSecret is not null ? null : p with { PaymentId = form.IntentId, ClientSecret = form.ClientSecret, UpdatedAt = now }, cancellationToken);
        }

        var result = await provider.ChargeOffSessionAsync(request, cancellationToken);
        LogCharged(logger, subscription.Id, payment.Id, result.Status);
        return result.Status switch
        {
            ChargeStatus.Succeeded => await UpdateAsync(orgId, payment.Id, p => p.Status == TopUpStatus.Succeeded ? null : p with { Status = TopUpStatus.Succeeded, PaymentId = result.PaymentId, UpdatedAt = now }, cancellationToken),
            ChargeStatus.Failed => await UpdateAsync(orgId, payment.Id, p => p.Status != TopUpStatus.Pending ? null : p with { Status = TopUpStatus.Failed, PaymentId = result.PaymentId, ErrorCode = result.ErrorCode, ErrorMessage = result.ErrorMessage, UpdatedAt = now }, cancellationToken),
            ChargeStatus.RequiresAction => await UpdateAsync(orgId, payment.Id, p => p.Status != TopUpStatus.Pending ? null : p with { PaymentId = result.PaymentId, ClientSecret = result.ClientSecret, UpdatedAt = now }, cancellationToken),
            _ => await UpdateAsync(orgId, payment.Id, p => p.Status != TopUpStatus.Pending ? null : p with { PaymentId = result.PaymentId, UpdatedAt = now }, cancellationToken),
        };
    }

    /// <summary>
    /// Applies a provider's confirmation to a cycle payment: a success is final (the cycle may proceed), a decline marks
    /// a pending payment failed. Returns whether it changed anything (null: no such payment) and the subscription.
    /// </summary>
    public async Task<(bool? Changed, string? SubscriptionId)> ConfirmAsync(string orgId, string paymentId, PaymentConfirmation confirmation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        if (await store.ReadAsync(orgId, paymentId, cancellationToken) is not { } read)
        {
            return (null, null);
        }

        var now = clock.GetUtcNow();
        var changed = false;
        var succeeded = confirmation.Kind == PaymentConfirmationKind.PaymentSucceeded;
        await UpdateAsync(orgId, paymentId, p =>
        {
            var next = succeeded
                ? p.Status == TopUpStatus.Succeeded ? null : p with { Status = TopUpStatus.Succeeded, PaymentId = p.PaymentId ?? confirmation.IntentId, ErrorCode = null, ErrorMessage = null, UpdatedAt = now }
                : p.Status != TopUpStatus.Pending ? null : p with { Status = TopUpStatus.Failed, PaymentId = p.PaymentId ?? confirmation.IntentId, ErrorCode = confirmation.ErrorCode, ErrorMessage = confirmation.ErrorMessage, UpdatedAt = now };
            changed = next is not null;
            return next;
        }, cancellationToken);
        return (changed, read.Payment.SubscriptionId);
    }

    private async Task<CyclePayment> UpdateAsync(string orgId, string paymentId, Func<CyclePayment, CyclePayment?> change, CancellationToken cancellationToken) =>
        await _concurrency.ExecuteAsync(async ct =>
        {
            var (current, etag) = await store.ReadAsync(orgId, paymentId, ct)
                ?? throw new InvalidOperationException($"Cycle payment {paymentId} disappeared.");
            if (change(current) is not { } changed)
            {
                return current;
            }

            await store.ReplaceAsync(orgId, changed, etag, ct);
            return changed;
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId}: cycle payment {PaymentId} charged, {Status}")]
    private static partial void LogCharged(ILogger logger, string subscriptionId, string paymentId, ChargeStatus status);
}
