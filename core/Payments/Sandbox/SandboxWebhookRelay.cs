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
                await DeliverAsync(Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText)), cancellationToken);
                await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                delivered++;
            }
        }
    }

    /// <summary>
    /// Delivers one webhook the sandbox posted (its body as queued), signed now; a queue function calls this for each
    /// message its trigger receives. False when it was refused as invalid (logged; nothing to retry). An infrastructure
    /// failure throws, so the message comes back.
    /// </summary>
    public async Task<bool> DeliverAsync(string body, CancellationToken cancellationToken)
    {
        var result = await webhooks.HandleAsync(sandbox.Sign(body), cancellationToken);
        if (!result.IsSuccess)
        {
            LogDropped(logger, result.Failure!.Code, result.Failure.Message);
        }

        return result.IsSuccess;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A sandbox webhook was refused and dropped: {Code} {Reason}")]
    private static partial void LogDropped(ILogger logger, string code, string reason);
}
