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
    ILogger<SubscriptionService> logger)
{
    public const string ChargeAutomatically = "charge_automatically";
    public const string SendInvoice = "send_invoice";
    private const int MaxCancelAttempts = 20;

    /// <summary>
    /// Subscribes the customer and applies the activation at once (per-cycle, once and today's daily grants; for a paid
    /// plan, the first cycle's invoice line before them). If activation fails part way, the subscription exists and the
    /// grant timer completes it. Paid plans need <c>send_invoice</c>: charging a payment method is not built yet.
    /// </summary>
    public async Task<Outcome<SubscribeResult>> SubscribeAsync(string orgId, string? customerId, string? planId, CancellationToken cancellationToken)
    {
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

        if (!plan.Price.IsFree && customer.CollectionMethod != SendInvoice)
        {
            return new Failure(
                FailureCodes.TopupRequiresPaymentMethod,
                $"Plan {plan.Id} costs {plan.Price.Amount} {plan.Price.Currency} per {plan.Price.Interval.ToString().ToLowerInvariant()}, and charging a payment method is not supported yet: "
                + $"only customers whose collectionMethod is '{SendInvoice}' can subscribe to a paid plan (the price is added to their next invoice). Nothing was created.");
        }

        var now = clock.GetUtcNow();
        var subscription = new Subscription
        {
            Id = Ids.New("sub", clock),
            CustomerId = customer.Id,
            PlanId = plan.Id,
            CollectionMethod = customer.CollectionMethod,
            StartedAt = now,
            Interval = plan.Price.Interval,
            CurrentPeriodStart = now,
            CurrentPeriodEnd = BillingPeriods.Boundary(now, plan.Price.Interval, 1),
            NextStepAt = now,
            CreatedAt = now,
        };
        await subscriptions.CreateAsync(orgId, subscription, cancellationToken);
        var kind = plan.Price.IsFree ? SubscribeResult.CreatedNoCharge : SubscribeResult.InvoiceAdded;
        try
        {
            var activated = await cycles.AdvanceAsync(orgId, subscription.Id, cancellationToken);
            return new SubscribeResult(kind, activated.Subscription ?? subscription);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The subscription exists and is scheduled: answering 5xx would invite a retry that subscribes twice.
            LogActivationDeferred(logger, e, subscription.Id);
            return new SubscribeResult(kind, subscription);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} was created but its activation failed; the grant timer will apply it")]
    private static partial void LogActivationDeferred(ILogger logger, Exception exception, string subscriptionId);
}
