using Azure.Data.Tables;
using Cronos;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using UnitPay.Functions.Hosting;

namespace UnitPay.Functions.Local;

/// <summary>
/// Fires one timer-triggered function on its NCRONTAB schedule, as the Functions host does with useMonitor: the
/// schedule status (last, next) is kept in storage, and a run that was due while the app was down fires once at
/// start with <c>IsPastDue</c>. It calls the same <c>[Function]</c> method the host would, with a <see cref="TimerInfo"/>.
/// Local runs only: in Azure the host drives timers (on one instance at a time).
/// </summary>
public sealed partial class TimerTriggerListener(
    FunctionDescriptor function,
    CronExpression schedule,
    TableClient status,
    LocalFunctionInvoker invoker,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary>Task.Delay waits at most about 49.7 days; a longer wait (a yearly schedule) is taken in steps of this.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    public FunctionDescriptor Function => function;

    public long Fired => Interlocked.Read(ref _fired);

    private long _fired;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await status.CreateIfNotExistsAsync(cancellationToken);
        var row = (await status.GetEntityIfExistsAsync<TableEntity>("timer", function.Name, cancellationToken: cancellationToken)) is { HasValue: true } r ? r.Value : null;
        var last = row?.GetDateTimeOffset("Last");
        var recordedNext = row?.GetDateTimeOffset("Next");
        var pastDue = recordedNext is { } due && due < clock.GetUtcNow();

        while (!cancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            DateTimeOffset fireAt;
            if (pastDue)
            {
                fireAt = now;
            }
            else
            {
                fireAt = schedule.GetNextOccurrence(now, TimeZoneInfo.Utc) ?? throw new InvalidOperationException($"{function.Name}'s schedule has no next occurrence.");
                for (var wait = fireAt - now; wait > TimeSpan.Zero; wait = fireAt - clock.GetUtcNow())
                {
                    await Task.Delay(wait < LongestWait ? wait : LongestWait, clock, cancellationToken);
                }
            }

            var next = schedule.GetNextOccurrence(clock.GetUtcNow(), TimeZoneInfo.Utc);
            try
            {
                await invoker.InvokeTriggerAsync(function, Info(last, next, pastDue), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // As under the host: a failed run is logged, and the timer fires again at its next occurrence.
                LogFailed(logger, e, function.Name);
            }

            Interlocked.Increment(ref _fired);
            last = fireAt;
            pastDue = false;
            await status.UpsertEntityAsync(
                new TableEntity("timer", function.Name) { ["Last"] = last, ["Next"] = next, ["LastUpdated"] = clock.GetUtcNow() },
                TableUpdateMode.Replace,
                cancellationToken);
        }
    }

    private TimerInfo Info(DateTimeOffset? last, DateTimeOffset? next, bool pastDue) => new()
    {
        IsPastDue = pastDue,
        ScheduleStatus = new ScheduleStatus
        {
            Last = last?.UtcDateTime ?? default,
            Next = next?.UtcDateTime ?? default,
            LastUpdated = clock.GetUtcNow().UtcDateTime,
        },
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed; it fires again at its next occurrence")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}
