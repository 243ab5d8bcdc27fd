using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Cronos;
using Microsoft.Extensions.Logging;
using UnitPay.Functions.Hosting;

namespace UnitPay.Functions.Local;

/// <summary>
/// Fires one timer-triggered function on its NCRONTAB schedule, as the Functions host does with useMonitor: the
/// schedule status (last, next) is kept in storage, and a run that was due while the app was down fires once at
/// start with <c>IsPastDue</c>. Local runs only: in Azure the host drives timers (on one instance at a time).
/// </summary>
public sealed partial class TimerTriggerListener(
    FunctionDefinition function,
    CronExpression schedule,
    TableClient status,
    FunctionInvoker invoker,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary>Task.Delay waits at most about 49.7 days; a longer wait (a yearly schedule) is taken in steps of this.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    public FunctionDefinition Function => function;

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
                var result = await invoker.InvokeAsync(function.Name, Payload(last, next, pastDue), cancellationToken);
                Interlocked.Increment(ref _fired);
                if (!result.Succeeded)
                {
                    LogFailed(logger, function.Name, result.Status, result.Body);
                }
            }
            catch (HttpRequestException e)
            {
                LogUnreachable(logger, e, function.Name);
            }

            last = fireAt;
            pastDue = false;
            await status.UpsertEntityAsync(
                new TableEntity("timer", function.Name) { ["Last"] = last, ["Next"] = next, ["LastUpdated"] = clock.GetUtcNow() },
                TableUpdateMode.Replace,
                cancellationToken);
        }
    }

    private JsonObject Payload(DateTimeOffset? last, DateTimeOffset? next, bool pastDue)
    {
        static string? Iso(DateTimeOffset? t) => t?.ToString("O", CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow();
        return new JsonObject
        {
            ["Data"] = new JsonObject
            {
                [function.BindingName] = new JsonObject
                {
                    ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                    ["ScheduleStatus"] = new JsonObject { ["Last"] = Iso(last), ["Next"] = Iso(next), ["LastUpdated"] = Iso(now) },
                    ["IsPastDue"] = pastDue,
                },
            },
            ["Metadata"] = new JsonObject
            {
                ["sys"] = new JsonObject
                {
                    ["MethodName"] = function.Name,
                    ["UtcNow"] = Iso(now),
                    ["RandGuid"] = Guid.NewGuid().ToString(),
                },
            },
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} failed with {Status}: {Body}")]
    private static partial void LogFailed(ILogger logger, string function, int status, string body);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: the handler could not be reached")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string function);
}
