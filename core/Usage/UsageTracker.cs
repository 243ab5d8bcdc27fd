using UnitPay.Contracts.Usage;
using UnitPay.Core.Catalog;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Money;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Usage;

/// <summary>
/// The track path's first half: validate each event, resolve its customer and feature, give it an id, and enqueue
/// it (packed, many events per message). It deducts nothing; the queue worker does.
/// </summary>
public sealed class UsageTracker(StorageAccount storage, CatalogReader catalog, TimeProvider clock)
{
    public const int MaxBatch = 1_000;

    public async Task<TrackResult> TrackAsync(string orgId, IReadOnlyList<UsageEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var now = clock.GetUtcNow();
        var rejections = new List<UsageRejection>();
        var ids = new string?[events.Count];
        var accepted = new List<UsageEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e is null)
            {
                rejections.Add(new UsageRejection(i, "VALIDATION_FAILED", "The event is null."));
                continue;
            }

            if (UsageValidator.Check(e, now) is { } problem)
            {
                rejections.Add(new UsageRejection(i, "VALIDATION_FAILED", problem));
                continue;
            }

            var customer = await catalog.CustomerAsync(orgId, e.CustomerId!, cancellationToken);
            if (customer is null)
            {
                rejections.Add(new UsageRejection(i, "NOT_FOUND", $"Customer {e.CustomerId} was not found."));
                continue;
            }

            var feature = await catalog.FeatureAsync(orgId, e.FeatureSlug!, cancellationToken);
            if (feature is null)
            {
                rejections.Add(new UsageRejection(i, "NOT_FOUND", $"Feature {e.FeatureSlug} was not found."));
                continue;
            }

            var quantity = e.Quantity ?? 1m;
            if (feature.CreditCosts.Any(c => !CostCalculator.TryResolve(quantity, c.CostPerUnit, 0, out _)))
            {
                rejections.Add(new UsageRejection(i, "VALIDATION_FAILED", "quantity is too large: its cost does not fit in an amount."));
                continue;
            }

            var eventId = e.IdempotencyKey is { } key ? UsageCodec.IdForKey(orgId, customer.Id, key) : Ids.New("evt", clock);
            ids[i] = eventId;
            accepted.Add(e with { EventId = eventId, CustomerId = customer.Id, Quantity = quantity, Timestamp = e.Timestamp ?? now });
        }

        var queue = storage.UsageQueue;
        await Task.WhenAll(UsageCodec.Pack(orgId, accepted).Select(m => queue.SendMessageAsync(m, cancellationToken)));
        return new TrackResult(accepted.Count, rejections.Count, rejections, ids);
    }
}
