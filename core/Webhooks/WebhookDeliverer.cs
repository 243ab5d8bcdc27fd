using System.Text.Json;
using Microsoft.Extensions.Logging;
using UnitPay.Core.Usage;

namespace UnitPay.Core.Webhooks;

/// <summary>
/// Makes one delivery attempt from the queue: signs the event for the endpoint now, POSTs it, records the attempt, and
/// on anything but a 2xx queues the next attempt with exponential back-off (<see cref="WebhookOptions.NextAttemptAt"/>)
/// until the retry window has passed, when the delivery is failed. A deleted endpoint, or one no longer subscribed to
/// the type, gets nothing. A message that is not a delivery throws <see cref="UnprocessableMessageException"/>, so it
/// ends in the poison queue.
/// </summary>
public sealed partial class WebhookDeliverer(
    WebhookEndpointStore endpoints,
    WebhookSecretProtector secrets,
    IWebhookSender sender,
    WebhookDeliveryLog log,
    WebhookDeliveryOutlet queue,
    WebhookOptions options,
    TimeProvider clock,
    ILogger<WebhookDeliverer> logger)
{
    public async Task<WebhookDeliveryAttempt?> DeliverAsync(string text, CancellationToken cancellationToken)
    {
        WebhookDeliveryMessage message;
        try
        {
            message = WebhookDeliveryMessage.Parse(text);
        }
        catch (JsonException e)
        {
            throw new UnprocessableMessageException("Not a webhook delivery: " + e.Message);
        }

        if (await endpoints.GetAsync(message.OrgId, message.EndpointId, cancellationToken) is not { } found || !found.Endpoint.Subscribes(message.EventType))
        {
            LogDropped(logger, message.EventId, message.EndpointId);
            return null;
        }

        var (endpoint, stored) = found;
        var now = clock.GetUtcNow();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [WebhookSigner.Header] = WebhookSigner.Sign(message.Body, secrets.Unprotect(stored), now),
            [WebhookSigner.EventIdHeader] = message.EventId,
            [WebhookSigner.EventTypeHeader] = message.EventType,
        };
        var result = await sender.SendAsync(new Uri(endpoint.Url), message.Body, headers, cancellationToken);
        var next = result.Delivered ? null : options.NextAttemptAt(message.Attempt, message.EventAt, now, Random.Shared.NextDouble());
        var attempt = new WebhookDeliveryAttempt
        {
            Id = WebhookDeliveryLog.NewId(now),
            EndpointId = endpoint.Id,
            EventId = message.EventId,
            EventType = message.EventType,
            Attempt = message.Attempt,
            Status = result.Delivered ? WebhookDeliveryStatus.Delivered : next is null ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Retrying,
            StatusCode = result.StatusCode,
            DurationMs = (long)result.Duration.TotalMilliseconds,
            Error = result.Delivered ? null : result.Error ?? $"HTTP {result.StatusCode}",
            AttemptedAt = now,
            NextAttemptAt = next,
        };

        // The next attempt is queued before the log is written: a crash in between repeats an attempt (at least once),
        // never loses the retry.
        if (next is { } due)
        {
            await queue.SendAsync(message with { Attempt = message.Attempt + 1 }, due - now, cancellationToken);
        }

        await log.RecordAsync(attempt, cancellationToken);
        if (attempt.Status == WebhookDeliveryStatus.Failed)
        {
            LogGaveUp(logger, message.EventId, endpoint.Id, message.Attempt);
        }

        return attempt;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook event {EventId} not delivered: endpoint {EndpointId} is deleted or no longer subscribed")]
    private static partial void LogDropped(ILogger logger, string eventId, string endpointId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook event {EventId} to endpoint {EndpointId} failed after {Attempts} attempts; no more retries")]
    private static partial void LogGaveUp(ILogger logger, string eventId, string endpointId, int attempts);
}
