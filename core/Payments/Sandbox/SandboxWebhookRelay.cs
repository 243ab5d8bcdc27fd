using System.Text;
using Microsoft.Extensions.Logging;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Payments.Sandbox;

/// <summary>
/// Delivers the sandbox's webhooks: reads its queue, signs each event as it is sent (as Stripe does), and hands it to
/// <see cref="PaymentWebhookService"/>, the path Stripe's webhooks take. A delivery that fails with an exception stays
/// on the queue and comes back (at-least-once, like a PSP's retries); one refused as invalid is dropped and logged.
/// The host runs <see cref="DeliverPendingAsync"/> from a queue or timer function; tests call it directly.
/// </summary>
public sealed partial class SandboxWebhookRelay(StorageAccount storage, PaymentOptions options, SandboxPaymentProvider sandbox, PaymentWebhookService webhooks, ILogger<SandboxWebhookRelay> logger)
{
    private readonly Azure.Storage.Queues.QueueClient _queue = storage.RawQueue(options.SandboxWebhookQueue);

    /// <summary>Delivers what is on the queue now; returns how many webhooks were handled.</summary>
    public async Task<int> DeliverPendingAsync(CancellationToken cancellationToken)
    {
        await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var delivered = 0;
        while (true)
        {
            var messages = (await _queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), cancellationToken)).Value;
            if (messages.Length == 0)
            {
                return delivered;
            }

            foreach (var message in messages)
            {
                var body = Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText));
                var result = await webhooks.HandleAsync(sandbox.Sign(body), cancellationToken);
                if (!result.IsSuccess)
                {
                    LogDropped(logger, message.MessageId, result.Failure!.Message);
                }

                await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                delivered++;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sandbox webhook {MessageId} was refused and dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string messageId, string reason);
}
