using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using UnitPay.Core.Billing;
using UnitPay.Core.Catalog;
using UnitPay.Core.Faults;
using UnitPay.Core.Grants;
using UnitPay.Core.Money;
using UnitPay.Core.Plans;
using UnitPay.Core.Storage;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Subscriptions;

/// <summary>
/// Walks subscriptions through their schedules (<see cref="SubscriptionSteps"/>): the grant timer
/// (<c>GrantCyclesTimer</c>) and activation both come here.
/// <para>
/// Exactly once: each wallet's part of a step is one wallet transaction whose new grants have ids derived from
/// (subscription, rule, instant), so a re-run, or a second instance running the same step, cannot grant twice (the
/// store refuses the second insert). The subscription row moves on to its next instant only after every wallet of
/// the step committed, under its ETag; so a timer that was down applies every missed instant, in order.
/// </para>
/// <para>
/// Cancellation races: before issuing a new cycle's grants the step first claims that cycle on the subscription row
/// (ETag-guarded). A cancel written before the claim makes the step the subscription's end; a cancel written after
/// it sees the cycle begun and ends the subscription at that cycle's end. Either way no grant is issued after the end.
/// </para>
/// </summary>
public sealed partial class SubscriptionCycles(
    SubscriptionStore subscriptions,
    PlanStore plans,
    WalletDirectory directory,
    WalletEngine engine,
    ExpirySweeper expiries,
    InvoiceLineStore invoices,
    CatalogReader catalog,
    TimeProvider clock,
    ILogger<SubscriptionCycles> logger,
    CyclePayments? payments = null,
    IFaultInjector? faults = null)
{
    public const int PageSize = 100;

    /// <summary>Bounds one subscription's catch-up per run (a year of daily drips is 366 steps); the rest continues next run.</summary>
    public const int MaxStepsPerRun = 1000;

    /// <summary>An index row whose subscription cannot be read is dropped once it is this old (it may be a create in flight).</summary>
    private static readonly TimeSpan OrphanGrace = TimeSpan.FromHours(1);

    /// <summary>Applies every due step of every subscription, paging through the schedule index. A failing subscription is logged and left for the next run.</summary>
    public async Task<CycleRunSummary> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        int visited = 0, steps = 0, failed = 0;
        await foreach (var page in subscriptions.DuePagesAsync(now, PageSize, cancellationToken))
        {
            foreach (var entry in page)
            {
                if (entry.DueAt > now)
                {
                    continue; // in this hour's bucket, not due yet
                }

                if (visited > 0)
                {
                    faults?.Hit(FaultPoint.GrantCyclesMidRun);
                }

                visited++;
                try
                {
                    var result = await AdvanceAsync(entry.OrgId, entry.SubscriptionId, cancellationToken);
                    steps += result.Steps;
                    failed += result.Failed ? 1 : 0;
                    if (IsObsolete(entry, result.Subscription, now))
                    {
                        await subscriptions.RemoveAsync(entry, cancellationToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException and not InjectedCrashException)
                {
                    failed++;
                    LogSubscriptionFailed(logger, e, entry.SubscriptionId);
                }
            }
        }

        return new CycleRunSummary(visited, steps, failed);
    }

    /// <summary>Applies the subscription's due steps in order, up to now.</summary>
    public async Task<SubscriptionAdvance> AdvanceAsync(string orgId, string subscriptionId, CancellationToken cancellationToken)
    {
        var applied = 0;
        Subscription? subscription = null;
        while (applied < MaxStepsPerRun)
        {
            if (await subscriptions.ReadAsync(orgId, subscriptionId, cancellationToken) is not { } read)
            {
                return new SubscriptionAdvance(null, applied, Failed: false);
            }

            var (current, etag) = read;
            subscription = current;
            if (current.NextStepAt is not { } at || at > clock.GetUtcNow())
            {
                break;
            }

            var plan = await plans.GetAsync(orgId, current.PlanId, cancellationToken)
                ?? throw new InvalidDataException($"Subscription {subscriptionId} names plan {current.PlanId}, which does not exist.");
            var step = SubscriptionSteps.At(orgId, current, plan, at);
            if (step.StartingCycle is { } cycle && current.CurrentPeriodStart != cycle.Start)
            {
                current = current with { CurrentPeriodStart = cycle.Start, CurrentPeriodEnd = cycle.End };
                if (await subscriptions.TryReplaceAsync(orgId, current, etag, cancellationToken) is not { } claimed)
                {
                    continue; // cancelled or advanced meanwhile: read again
                }

                etag = claimed;
            }

            if (step.StartingCycle is { } billed && !plan.Price.IsFree)
            {
                if (current.CollectionMethod != SubscriptionService.SendInvoice && payments is not null)
                {
                    // A card subscriber's cycle is charged first; nothing of it is granted until the charge succeeded.
                    var payment = await payments.CollectAsync(orgId, current, plan, billed, cancellationToken);
                    if (payment.Status != TopUps.TopUpStatus.Succeeded)
                    {
                        var unpaid = at == current.StartedAt ? SubscriptionStatus.Incomplete : SubscriptionStatus.PastDue;
                        if (current.Status != unpaid)
                        {
                            current = current with { Status = unpaid };
                            var pastDue = unpaid == SubscriptionStatus.PastDue ? new[] { Webhooks.OrgWebhookEvents.SubscriptionPastDue(orgId, current, clock.GetUtcNow(), payment.Id) } : null;
                            if (await subscriptions.TryReplaceAsync(orgId, current, etag, cancellationToken, pastDue) is null)
                            {
                                continue; // changed meanwhile: read again
                            }

                            LogUnpaid(logger, subscriptionId, payment.Id, payment.Status.ToString());
                        }

                        return new SubscriptionAdvance(current, applied, Failed: false) { UnpaidCycle = payment };
                    }
                }
                else
                {
                    // Credits are granted only once the cycle's price is on the customer's next invoice.
                    await invoices.AddAsync(orgId, InvoiceLineFor(current, plan, billed), cancellationToken);
                }
            }

            if (!await ApplyWalletsAsync(step, cancellationToken))
            {
                return new SubscriptionAdvance(current, applied, Failed: true);
            }

            var next = SubscriptionSteps.NextAfter(current, plan, at);
            var advanced = current with
            {
                NextStepAt = next,
                Status = next is null ? SubscriptionStatus.Canceled
                    : current.Status is SubscriptionStatus.PastDue or SubscriptionStatus.Incomplete ? SubscriptionStatus.Active : current.Status,
                EndedAt = next is null ? at : current.EndedAt,
            };
            // Webhooks: a cycle after the first, paid (or invoiced) and granted, is subscription.renewed.
            var renewed = step.StartingCycle is { } renewal && renewal.Start > current.StartedAt
                ? new[] { Webhooks.OrgWebhookEvents.SubscriptionRenewed(orgId, advanced, clock.GetUtcNow()) }
                : null;
            if (await subscriptions.TryReplaceAsync(orgId, advanced, etag, cancellationToken, renewed) is null)
            {
                continue; // changed meanwhile: read again and re-apply (the step is idempotent)
            }

            if (next is not { } following || HourBuckets.Of(following) != HourBuckets.Of(at))
            {
                await subscriptions.UnscheduleAsync(orgId, subscriptionId, at, cancellationToken);
            }

            subscription = advanced;
            applied++;
        }

        return new SubscriptionAdvance(subscription, applied, Failed: false);
    }

    /// <summary>
    /// Applies one wallet's part of a step as one transaction. Returns null when the step had been applied already.
    /// The grants it will create are listed in the expiry index first (from a dry run of the same pure decision on
    /// the wallet as stored), so a grant with an expiry is always listed before it exists.
    /// </summary>
    public async Task<CycleTransitionResult?> ApplyWalletStepAsync(WalletCycleStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var walletId = await directory.EnsureAsync(step.OrgId, step.CustomerId, step.CreditCurrencyId, cancellationToken);
        var stored = await engine.ReadAsync(walletId, cancellationToken) ?? throw new WalletNotFoundException(walletId);
        var now = clock.GetUtcNow();
        var dryRun = stored.StartSession();
        dryRun.ExpireDue(now);
        var invoice = await InvoiceOverageAsync(step, dryRun.Head, cancellationToken);
        foreach (var grant in CycleTransition.Apply(dryRun, step, now, invoice).Issued)
        {
            if (grant.ExpiresAt is { } expiresAt && !grant.AwaitsRollover)
            {
                await expiries.ListAsync(walletId, grant.Id, expiresAt, cancellationToken);
            }
        }

        try
        {
            return await engine.MutateAsync(walletId, (session, at) => CycleTransition.Apply(session, step, at, invoice), cancellationToken);
        }
        catch (TableTransactionFailedException e) when (StorageFailure.IsAlreadyExists(e))
        {
            // A grant of this step exists although the wallet no longer holds it open (used up, expired, voided): the
            // step was applied before, in full, since its grants are written in one transaction.
            LogAlreadyApplied(logger, step.SubscriptionId, walletId, step.At);
            return null;
        }
    }

    /// <summary>
    /// For a wallet whose deficit is settled by invoice, records the cycle's overage line before the reset clears it
    /// (billed before it is forgiven from the balance). The line's id derives from (wallet, cycle end), so a re-run finds
    /// the line it wrote and clears exactly the credits that line bills: usage that arrives in between only deepens the
    /// deficit, and what the line does not cover waits for the next reset.
    /// </summary>
    private async Task<(string LineId, long Credits)?> InvoiceOverageAsync(WalletCycleStep step, WalletHead head, CancellationToken cancellationToken)
    {
        if (!step.EndsCycle || head.Deficit <= 0 || head.DeficitBehavior != OveragePolicy.InvoiceAtBilling
            || head.OverageSettledThrough is { } settled && settled >= step.At)
        {
            return null;
        }

        var currency = await catalog.CurrencyAsync(step.OrgId, step.CreditCurrencyId, cancellationToken);
        if (currency?.Overage.OveragePricePerUnit is not { } price)
        {
            LogNoOveragePrice(logger, head.WalletId, step.CreditCurrencyId);
            return null;
        }

        var line = await invoices.AddAsync(step.OrgId, new InvoiceLine
        {
            Id = InvoiceLineStore.IdFor(head.WalletId, "overage", CycleGrantIds.Instant(step.At)),
            CustomerId = step.CustomerId,
            SourceRef = head.WalletId,
            Description = $"Overage: {head.Deficit} credits of {currency.Name} beyond the plan, cycle ending {step.At.UtcDateTime:yyyy-MM-dd}",
            Amount = OverageCharge(head.Deficit, price.Amount, currency.MinorUnitScale),
            Currency = price.Currency.ToLowerInvariant(),
            CreditCurrencyId = currency.Id,
            Credits = head.Deficit,
            PeriodEnd = step.At,
            CreatedAt = clock.GetUtcNow(),
        }, cancellationToken);
        return (line.Id, line.Credits ?? 0);
    }

    /// <summary>The money for <paramref name="credits"/> minor units of deficit at a price per whole credit, rounded up.</summary>
    public static long OverageCharge(long credits, long pricePerUnit, int minorUnitScale)
    {
        var wholeCredits = new decimal(credits) / (decimal)Math.Pow(10, minorUnitScale);
        return CostCalculator.TryResolve(wholeCredits, pricePerUnit, 0, out var charge)
            ? charge
            : throw new OverflowException($"An overage of {credits} credits at {pricePerUnit} per credit does not fit in an amount.");
    }

    private async Task<bool> ApplyWalletsAsync(SubscriptionStep step, CancellationToken cancellationToken)
    {
        var ok = true;
        for (var i = 0; i < step.Wallets.Count; i++)
        {
            var wallet = step.Wallets[i];
            if (i > 0)
            {
                faults?.Hit(FaultPoint.GrantCyclesMidRun);
            }

            try
            {
                await ApplyWalletStepAsync(wallet, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException and not InjectedCrashException)
            {
                ok = false; // the other wallets still get their grants; this one is retried on the next run
                LogWalletFailed(logger, e, wallet.SubscriptionId, wallet.WalletId, wallet.At);
            }
        }

        return ok;
    }

    private static bool IsObsolete(ScheduledSubscription entry, Subscription? subscription, DateTimeOffset now)
    {
        if (subscription is null)
        {
            return entry.DueAt < now - OrphanGrace;
        }

        // The row of the subscription's live step sits in that step's bucket; any other row is behind it.
        return subscription.NextStepAt is not { } next || (next > entry.DueAt && HourBuckets.Of(next) != entry.Bucket);
    }

    private InvoiceLine InvoiceLineFor(Subscription subscription, Plan plan, (DateTimeOffset Start, DateTimeOffset End) cycle) => new()
    {
        Id = InvoiceLineStore.IdFor(subscription.Id, CycleGrantIds.Instant(cycle.Start)),
        CustomerId = subscription.CustomerId,
        SourceRef = subscription.Id,
        Description = $"{plan.Name}, {cycle.Start.UtcDateTime:yyyy-MM-dd} to {cycle.End.UtcDateTime:yyyy-MM-dd}",
        Amount = plan.Price.Amount,
        Currency = plan.Price.Currency ?? throw new InvalidDataException($"Plan {plan.Id} has a price but no currency."),
        PeriodStart = cycle.Start,
        PeriodEnd = cycle.End,
        CreatedAt = clock.GetUtcNow(),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscription {SubscriptionId}: wallet {WalletId} failed its step at {At}; it will be retried on the next run")]
    private static partial void LogWalletFailed(ILogger logger, Exception exception, string subscriptionId, string walletId, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscription {SubscriptionId} could not be advanced; it will be retried on the next run")]
    private static partial void LogSubscriptionFailed(ILogger logger, Exception exception, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId}: cycle payment {PaymentId} is {Status}; nothing is granted until it is paid")]
    private static partial void LogUnpaid(ILogger logger, string subscriptionId, string paymentId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId}: wallet {WalletId} had its step at {At} applied already")]
    private static partial void LogAlreadyApplied(ILogger logger, string subscriptionId, string walletId, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Error, Message = "Wallet {WalletId} owes an overage to invoice, but credit currency {CurrencyId} has no overagePricePerUnit; the deficit is left for the next reset")]
    private static partial void LogNoOveragePrice(ILogger logger, string walletId, string currencyId);
}
