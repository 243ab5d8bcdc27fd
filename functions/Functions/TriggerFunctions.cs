using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.Grants;
using UnitPay.Core.Subscriptions;
using UnitPay.Core.Usage;
using UnitPay.Functions.Configuration;

namespace UnitPay.Functions.Functions;

/// <summary>
/// The queue and timer functions. A queue function that throws fails its invocation: the host (or the local host)
/// makes the message visible again and, after host.json's maxDequeueCount, moves it to the poison queue.
/// </summary>
public sealed partial class TriggerFunctions(UsageProcessor processor, ExpirySweeper sweeper, SubscriptionCycles cycles, ILogger<TriggerFunctions> logger)
{
    [Function("DeductUsageQueue")]
    public async Task<ProcessSummary> DeductUsageAsync(
        [QueueTrigger("%" + SettingNames.UsageQueue + "%", Connection = SettingNames.Storage)] string message,
        CancellationToken cancellationToken)
    {
        try
        {
            var summary = await processor.ProcessAsync(message, cancellationToken);
            LogProcessed(logger, summary.Events, summary.Applied, summary.Rejected, summary.Duplicates);
            return summary;
        }
        catch (UnprocessableMessageException e)
        {
            LogUnprocessable(logger, e.Message);
            throw;
        }
    }

    [Function("ExpireGrantsTimer")]
    public async Task ExpireGrantsAsync([TimerTrigger("%" + SettingNames.ExpireGrantsSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var (wallets, failed) = await sweeper.SweepAsync(cancellationToken);
        LogExpirySwept(logger, wallets, failed, timer.IsPastDue);
    }

    /// <summary>Subscription schedules: renewals (rollover, then the new cycle's grants), daily drips, cancellations taking effect.</summary>
    [Function("GrantCyclesTimer")]
    public async Task<CycleRunSummary> GrantCyclesAsync([TimerTrigger("%" + SettingNames.GrantCyclesSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var summary = await cycles.RunDueAsync(cancellationToken);
        LogCyclesRun(logger, summary.Subscriptions, summary.Steps, summary.Failed, timer.IsPastDue);
        return summary;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Usage message: events={Events} applied={Applied} rejected={Rejected} duplicates={Duplicates}")]
    private static partial void LogProcessed(ILogger logger, int events, int applied, int rejected, int duplicates);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage message cannot be processed; it will be retried, then poisoned: {Reason}")]
    private static partial void LogUnprocessable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "ExpireGrantsTimer: wallets={Wallets} failed={Failed} pastDue={PastDue}")]
    private static partial void LogExpirySwept(ILogger logger, int wallets, int failed, bool pastDue);

    [LoggerMessage(Level = LogLevel.Information, Message = "GrantCyclesTimer: subscriptions={Subscriptions} steps={Steps} failed={Failed} pastDue={PastDue}")]
    private static partial void LogCyclesRun(ILogger logger, int subscriptions, int steps, int failed, bool pastDue);
}
