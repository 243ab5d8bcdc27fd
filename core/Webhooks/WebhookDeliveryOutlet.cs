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

        await _queue.SendMessageAsync(message.ToJson(), delay > TimeSpan.Zero ? delay : null, TimeSpan.FromSeconds(-1), cancellationToken);
    }
}
