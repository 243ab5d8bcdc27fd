using Azure.Identity;
using Azure.Storage.Queues;
using UnitPay.Contracts.Usage;

namespace UnitPay.Client.Usage;

/// <summary>
/// Sends usage straight to the engine's usage queue, for apps whose volume makes one HTTP call per batch too dear.
/// Messages are the worker's own format (<see cref="UsageMessageFormat"/>, shared with it), packed as many events
/// per message as fit the queue's 64 KiB, and base64-encoded as <c>host.json</c> declares. The worker validates and
/// deducts them shortly after; an invalid event is a rejection you can read at <c>GET /v1/usage/events/{id}</c>.
/// </summary>
/// <remarks>
/// Exactly-once: every event carries an <see cref="UsageEvent.IdempotencyKey"/> (yours, or one the producer gives it),
/// and the worker applies an event id once per wallet, ever. To resend a batch after a failure without counting it
/// twice, give the events your own keys (the same on the resend). Without your keys, each call is new usage.
/// </remarks>
public sealed class UsageProducer
{
    private readonly QueueClient _queue;
    private readonly UsageProducerOptions _options;

    /// <summary>A producer for the queue the options name.</summary>
    public UsageProducer(UsageProducerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        _queue = options.QueueUri is { } uri
            ? new QueueClient(uri, options.Credential ?? new DefaultAzureCredential(), queueOptions)
            : new QueueClient(options.ConnectionString, options.QueueName, queueOptions);
    }

    /// <summary>The queue messages go to.</summary>
    public Uri QueueUri => _queue.Uri;

    /// <summary>
    /// Enqueues <paramref name="events"/> (any number; <see cref="UsageEvent.CustomerId"/> and
    /// <see cref="UsageEvent.FeatureSlug"/> required), split into as many messages as the queue's size limit needs.
    /// Messages are sent concurrently, so events in different messages may be applied in any order.
    /// </summary>
    public async Task<UsageSendResult> SendAsync(IEnumerable<UsageEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var keyed = new List<UsageEvent>();
        foreach (var e in events)
        {
            if (e is null || string.IsNullOrWhiteSpace(e.CustomerId) || string.IsNullOrWhiteSpace(e.FeatureSlug))
            {
                throw new ArgumentException($"Event {keyed.Count} needs a customerId and a featureSlug.", nameof(events));
            }

            // Without a key the worker names an event by its message's content and place, so two identical calls
            // would name their events alike and the second would be taken for a redelivery of the first.
            keyed.Add(e.IdempotencyKey is null && e.EventId is null ? e with { IdempotencyKey = "upp_" + Guid.NewGuid().ToString("N") } : e);
        }

        if (keyed.Count == 0)
        {
            return new UsageSendResult(0, 0, []);
        }

        var messages = UsageMessageFormat.Pack(_options.OrgId, keyed);
        await Parallel.ForEachAsync(
            messages,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentSends, CancellationToken = cancellationToken },
            async (message, ct) => await _queue.SendMessageAsync(message, ct));
        return new UsageSendResult(keyed.Count, messages.Count, [.. keyed.Select(e => e.IdempotencyKey ?? e.EventId!)]);
    }
}
