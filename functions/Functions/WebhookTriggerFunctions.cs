using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.Usage;
using UnitPay.Core.Webhooks;
using UnitPay.Functions.Configuration;

namespace UnitPay.Functions.Functions;

/// <summary>
/// Webhook delivery from its queue (one attempt per message; a retry is a new message queued with its back-off), and
/// the sweeper that queues what a dead instance left in wallet outboxes.
/// </summary>
public sealed partial class WebhookTriggerFunctions(WebhookDeliverer deliverer, WebhookDispatcher dispatcher, ILogger<WebhookTriggerFunctions> logger)
{
    [Function("DeliverWebhookQueue")]
    public async Task DeliverAsync(
        [QueueTrigger("%" + SettingNames.WebhookQueue + "%", Connection = SettingNames.Storage)] string message,
        CancellationToken cancellationToken)
    {
        try
        {
            if (await deliverer.DeliverAsync(message, cancellationToken) is { } attempt)
            {
                LogAttempt(logger, attempt.EventId, attempt.EndpointId, attempt.Attempt, attempt.Status.ToString(), attempt.StatusCode);
            }
        }
        catch (UnprocessableMessageException e)
        {
            LogUnprocessable(logger, e.Message);
            throw;
        }
    }

    [Function("SweepWebhooksTimer")]
    public async Task<WebhookSweepSummary> SweepAsync([TimerTrigger("%" + SettingNames.WebhookSweepSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var summary = await dispatcher.SweepAsync(cancellationToken);
        LogSwept(logger, summary.Wallets, summary.Events, summary.Failed, timer.IsPastDue);
        return summary;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {EventId} to {EndpointId}: attempt {Attempt} {Status} ({StatusCode})")]
    private static partial void LogAttempt(ILogger logger, string eventId, string endpointId, int attempt, string status, int? statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery message cannot be processed; it will be retried, then poisoned: {Reason}")]
    private static partial void LogUnprocessable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "SweepWebhooksTimer: wallets={Wallets} events={Events} failed={Failed} pastDue={PastDue}")]
    private static partial void LogSwept(ILogger logger, int wallets, int events, int failed, bool pastDue);
}
