using Azure.Storage.Queues;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Webhooks;

/// <summary>The delivery queue (<see cref="WebhookOptions.Queue"/>), in the encoding host.json declares; created on first use.</summary>
public sealed class WebhookDeliveryOutlet(StorageAccount storage, WebhookOptions options)
{
    private readonly QueueClient _queue = storage.Queue(options.Queue);
    private volatile bool _created;

    /// <summary>Queues <paramref name="message"/>, visible after <paramref name="delay"/> (a retry's back-off; the queue allows up to 7 days).</summary>
    public async Task SendAsync(WebhookDeliveryMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_created)
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _created = true;
        }

        // The queue counts visibility in whole seconds (a fraction is cut off): round up, so no attempt comes early.
        var visibleIn = delay > TimeSpan.Zero ? TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds)) : (TimeSpan?)null;
        await _queue.SendMessageAsync(message.ToJson(), visibleIn, TimeSpan.FromSeconds(-1), cancellationToken);
    }
}
