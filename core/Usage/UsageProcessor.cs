using Microsoft.Extensions.Logging;
using UnitPay.Core.Catalog;
using UnitPay.Core.Faults;
using UnitPay.Core.Money;
using UnitPay.Core.Organizations;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Usage;

/// <summary>
/// The track path's second half, run by the queue worker: resolve each event's cost in every credit currency its
/// feature costs in, and deduct it from the customer's wallet. All events of one wallet in the message go to the
/// wallet engine together, which folds them into as few transactions as possible.
/// </summary>
public sealed partial class UsageProcessor(
    CatalogReader catalog,
    OrganizationStore organizations,
    WalletDirectory directory,
    WalletEngine engine,
    UsageRejectionStore rejections,
    TimeProvider clock,
    ILogger<UsageProcessor> logger,
    IFaultInjector? faults = null)
{
    public async Task<ProcessSummary> ProcessAsync(string messageText, CancellationToken cancellationToken)
    {
        var message = UsageCodec.Parse(messageText);
        if (string.IsNullOrWhiteSpace(message.OrgId))
        {
            throw new UnprocessableMessageException("The message has no orgId.");
        }

        if (message.Events is not { Count: > 0 } events)
        {
            throw new UnprocessableMessageException("The message has no events.");
        }

        var orgId = message.OrgId;
        if (await organizations.GetAsync(orgId, cancellationToken) is null)
        {
            throw new UnprocessableMessageException($"Organization {orgId} does not exist.");
        }

        var messageHash = UsageCodec.HashOf(messageText);
        var now = clock.GetUtcNow();
        var byWallet = new Dictionary<string, List<UsageCharge>>(StringComparer.Ordinal);
        var rejected = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e is null)
            {
                throw new UnprocessableMessageException($"Event {i} of the message is null.");
            }

            var customer = string.IsNullOrWhiteSpace(e.CustomerId) ? null : await catalog.CustomerAsync(orgId, e.CustomerId, cancellationToken);
            var eventId = UsageCodec.EventIdOf(orgId, customer?.Id ?? e.CustomerId ?? string.Empty, e, messageHash, i);
            var problem = UsageValidator.Check(e, now);
            var feature = problem is null ? await catalog.FeatureAsync(orgId, e.FeatureSlug!, cancellationToken) : null;
            problem ??= customer is null ? $"Customer {e.CustomerId} was not found."
                : feature is null ? $"Feature {e.FeatureSlug} was not found."
                : null;
            if (problem is not null)
            {
                LogRejected(logger, orgId, eventId, problem);
                await rejections.RecordAsync(orgId, eventId, customer?.Id ?? e.CustomerId, "VALIDATION_FAILED", problem, cancellationToken);
                rejected++;
                continue;
            }

            var quantity = e.Quantity ?? 1m;
            var charges = new List<(string CurrencyId, long Amount)>();
            foreach (var cost in feature!.CreditCosts)
            {
                if (!CostCalculator.TryResolve(quantity, cost.CostPerUnit, 0, out var amount))
                {
                    charges.Clear();
                    break;
                }

                charges.Add((cost.CreditCurrencyId, amount));
            }

            if (charges.Count != feature.CreditCosts.Count)
            {
                await rejections.RecordAsync(orgId, eventId, customer!.Id, "VALIDATION_FAILED", "The event's cost does not fit in an amount.", cancellationToken);
                rejected++;
                continue;
            }

            foreach (var (currencyId, amount) in charges)
            {
                var walletId = await directory.EnsureAsync(orgId, customer!.Id, currencyId, cancellationToken);
                if (!byWallet.TryGetValue(walletId, out var list))
                {
                    byWallet[walletId] = list = [];
                }

                var overage = (await catalog.CurrencyAsync(orgId, currencyId, cancellationToken))?.Overage ?? new OveragePolicy();
                list.Add(new UsageCharge(eventId, feature.Slug, amount, e.Timestamp ?? now, quantity, overage.Limit, overage.Allows ? overage.OverageBehavior : null));
            }
        }

        var unfinished = byWallet.Count;
        var results = await Task.WhenAll(byWallet.Select(async w =>
        {
            var result = await engine.ApplyUsageAsync(w.Key, w.Value, cancellationToken);
            if (faults is not null && Interlocked.Decrement(ref unfinished) > 0)
            {
                faults.Hit(FaultPoint.BetweenWalletCommits); // this wallet committed, another of the message has not yet
            }

            return result;
        }));
        var all = results.SelectMany(r => r).ToList();
        var duplicates = all.Count(r => r.Duplicate);
        var applied = all.Count(r => !r.Duplicate && r.Outcome.Status == EventOutcomeStatus.Applied);
        rejected += all.Count(r => !r.Duplicate && r.Outcome.Status == EventOutcomeStatus.Rejected);
        return new ProcessSummary(events.Count, applied, rejected, duplicates);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage event {EventId} of organization {OrgId} was rejected: {Problem}")]
    private static partial void LogRejected(ILogger logger, string orgId, string eventId, string problem);
}
