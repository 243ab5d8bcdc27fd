using Microsoft.Extensions.Logging;
using UnitPay.Core.Catalog;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Plans;
using UnitPay.Core.Results;

namespace UnitPay.Core.Subscriptions;

/// <summary>Subscribing, cancelling and reading subscriptions.</summary>
public sealed partial class SubscriptionService(
    SubscriptionStore subscriptions,
    PlanStore plans,
    CatalogReader catalog,
    SubscriptionCycles cycles,
    TimeProvider clock,
    ILogger<SubscriptionService> logger,
    CyclePayments? payments = null)
{
    public const string ChargeAutomatically = "charge_automatically";
    public const string SendInvoice = "send_invoice";
    private const int MaxCancelAttempts = 20;

    /// <inheritdoc cref="SubscribeAsync(string, SubscribeRequest, CancellationToken)"/>
    public Task<Outcome<SubscribeResult>> SubscribeAsync(string orgId, string? customerId, string? planId, CancellationToken cancellationToken) =>
        SubscribeAsync(orgId, new SubscribeRequest { CustomerId = customerId, PlanId = planId }, cancellationToken);

    /// <summary>
    /// Subscribes the customer and applies the activation at once (per-cycle, once and today's daily grants). A paid
    /// plan is collected first: a <c>send_invoice</c> customer gets the first cycle's invoice line (<c>invoice_added</c>);
    /// a card customer's saved payment method is charged (<c>charged_inline</c>), or they pay in a form
    /// (<c>requires_form</c>, with <c>forceForm</c> or after a charge that needs authentication: the subscription is
    /// <c>incomplete</c> and granted when the provider confirms). Without a saved method and without <c>forceForm</c>: 402
    /// TOPUP_REQUIRES_PM, nothing created. A declined first charge: 402 PAYMENT_FAILED, the subscription ends unpaid and
    /// nothing is granted. If activation fails part way, the subscription exists and the grant timer completes it.
    /// </summary>
    public async Task<Outcome<SubscribeResult>> SubscribeAsync(string orgId, SubscribeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (customerId, planId) = (request.CustomerId, request.PlanId);
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(customerId))
        {
            errors.Add("customerId", "customerId is required (a cus_ id or your externalId).");
        }

        if (string.IsNullOrWhiteSpace(planId))
        {
            errors.Add("planId", "planId is required.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToFailure();
        }

        var customer = await catalog.CustomerAsync(orgId, customerId!, cancellationToken);
        if (customer is null)
        {
            return Failure.NotFound("Customer " + customerId);
        }

        var plan = Ids.HasPrefix(planId, "plan") ? await plans.GetAsync(orgId, planId!, cancellationToken) : null;
        if (plan is null)
        {
            return Failure.NotFound("Plan " + planId);
        }

        var byCard = !plan.Price.IsFree && customer.CollectionMethod != SendInvoice;
        if (byCard && payments is null)
        {
            return new Failure(
                FailureCodes.TopupRequiresPaymentMethod,
                $"Plan {plan.Id} costs {plan.Price.Amount} {plan.Price.Currency} per {plan.Price.Interval.ToString().ToLowerInvariant()}, and no payment provider is configured: "
                + $"only customers whose collectionMethod is '{SendInvoice}' can subscribe to a paid plan. Nothing was created.");
        }

        if (byCard && !request.ForceForm && !await payments!.HasPaymentMethodAsync(orgId, customer.Id, cancellationToken))
        {
            return new Failure(
                FailureCodes.TopupRequiresPaymentMethod,
                $"Plan {plan.Id} costs {plan.Price.Amount} {plan.Price.Currency} per {plan.Price.Interval.ToString().ToLowerInvariant()} and customer {customer.Id} has no saved payment method: "
                + $"save one (POST /v1/customers/{customer.Id}/payment-methods/setup), or send forceForm: true to pay in a form. Nothing was created.");
        }

        var now = clock.GetUtcNow();
        var subscription = new Subscription
        {
            Id = Ids.New("sub", clock),
            CustomerId = customer.Id,
            PlanId = plan.Id,
            CollectionMethod = customer.CollectionMethod,
            Status = byCard ? SubscriptionStatus.Incomplete : SubscriptionStatus.Active,
            StartedAt = now,
            Interval = plan.Price.Interval,
            CurrentPeriodStart = now,
            CurrentPeriodEnd = BillingPeriods.Boundary(now, plan.Price.Interval, 1),
            NextStepAt = now,
            CreatedAt = now,
        };
        await subscriptions.CreateAsync(orgId, subscription, cancellationToken);
        var kind = plan.Price.IsFree ? SubscribeResult.CreatedNoCharge : byCard ? SubscribeResult.ChargedInline : SubscribeResult.InvoiceAdded;
        try
        {
            if (byCard)
            {
                await payments!.PrepareAsync(orgId, subscription, plan, (subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd), request.ForceForm, cancellationToken);
            }

            var activated = await cycles.AdvanceAsync(orgId, subscription.Id, cancellationToken);
            if (activated.UnpaidCycle is { } unpaid)
            {
                if (unpaid.Status == TopUps.TopUpStatus.Failed)
                {
                    await EndUnpaidAsync(orgId, subscription.Id, cancellationToken);
                    return new Failure(
                        FailureCodes.PaymentFailed,
                        $"The first payment of subscription {subscription.Id} was declined ({unpaid.ErrorCode}: {unpaid.ErrorMessage}); it has ended unpaid and nothing was granted.");
                }

                return unpaid.ClientSecret is { } secret && unpaid.PaymentId is { } paymentId
                    ? new SubscribeResult(SubscribeResult.RequiresForm, activated.Subscription ?? subscription) { Client = new TopUps.PaymentClient(payments!.ProviderName, secret, paymentId) }
                    : new SubscribeResult(SubscribeResult.PaymentPending, activated.Subscription ?? subscription);
            }

            return new SubscribeResult(kind, activated.Subscription ?? subscription);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The subscription exists and is scheduled: answering 5xx would invite a retry that subscribes twice.
            LogActivationDeferred(logger, e, subscription.Id);
            return new SubscribeResult(byCard ? SubscribeResult.PaymentPending : kind, subscription);
        }
    }

    /// <summary>Ends a subscription whose first payment was declined: it never became active, and the timer leaves it.</summary>
    private async Task EndUnpaidAsync(string orgId, string subscriptionId, CancellationToken cancellationToken)
    {
        if (await subscriptions.ReadAsync(orgId, subscriptionId, cancellationToken) is { } read)
        {
            var now = clock.GetUtcNow();
            var ended = read.Subscription with { Status = SubscriptionStatus.Canceled, NextStepAt = null, CancelAt = now, CanceledAt = now, EndedAt = now };
            if (await subscriptions.TryReplaceAsync(orgId, ended, read.ETag, cancellationToken) is null)
            {
                LogEndRaced(logger, subscriptionId);
            }
        }
    }

    /// <summary>
    /// Cancels at the end of the cycle under way (by the clock, and never before the end of the cycle the grant timer
    /// has begun): the subscription keeps its grants until then and gets none after. Cancelling twice is a conflict.
    /// </summary>
    public async Task<Outcome<Subscription>> CancelAsync(string orgId, string subscriptionId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxCancelAttempts; attempt++)
        {
            if (await ReadAsync(orgId, subscriptionId, cancellationToken) is not { } read)
            {
                return Failure.NotFound("Subscription " + subscriptionId);
            }

            var (subscription, etag) = read;
            if (subscription.CancelAt is { } at)
            {
                return new Failure(FailureCodes.Conflict, $"Subscription {subscriptionId} is cancelled already; it ends (or ended) at {at:O}.");
            }

            var now = clock.GetUtcNow();
            var cycleEnd = BillingPeriods.NextBoundaryAfter(subscription.StartedAt, subscription.Interval, now);
            var cancelled = subscription with
            {
                CancelAt = cycleEnd > subscription.CurrentPeriodEnd ? cycleEnd : subscription.CurrentPeriodEnd,
                CanceledAt = now,
            };
            if (await subscriptions.TryReplaceAsync(orgId, cancelled, etag, cancellationToken) is not null)
            {
                return cancelled;
            }
        }

        throw new InvalidOperationException($"Subscription {subscriptionId} kept changing; the cancellation was not written.");
    }

    public async Task<Subscription?> GetAsync(string orgId, string subscriptionId, CancellationToken cancellationToken) =>
        (await ReadAsync(orgId, subscriptionId, cancellationToken))?.Subscription;

    public async Task<Outcome<Subscription[]>> ListAsync(string orgId, string customerId, CancellationToken cancellationToken)
    {
        var customer = await catalog.CustomerAsync(orgId, customerId, cancellationToken);
        if (customer is null)
        {
            return Failure.NotFound("Customer " + customerId);
        }

        return (await subscriptions.ListByCustomerAsync(orgId, customer.Id, cancellationToken)).ToArray();
    }

    private async Task<(Subscription Subscription, Azure.ETag ETag)?> ReadAsync(string orgId, string subscriptionId, CancellationToken cancellationToken) =>
        Ids.HasPrefix(subscriptionId, "sub") ? await subscriptions.ReadAsync(orgId, subscriptionId, cancellationToken) : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId}: its first payment was declined, but it changed before it could be ended; it stays incomplete")]
    private static partial void LogEndRaced(ILogger logger, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} was created but its activation failed; the grant timer will apply it")]
    private static partial void LogActivationDeferred(ILogger logger, Exception exception, string subscriptionId);
}
