using UnitPay.Core.Faults;
using UnitPay.Core.Storage;
using UnitPay.Functions.Configuration;
using UnitPay.Functions.Hosting;

namespace UnitPay.Functions.Local;

/// <summary>
/// The local host's trigger side, a development stand-in for the Functions host: it drives every queue and timer
/// function of <see cref="FunctionIndex"/> with the semantics host.json declares, calling the very <c>[Function]</c>
/// methods the host would. Under the Functions host this does not run. Triggers run on the wall clock, as the host's
/// do, whatever clock the domain is given.
/// </summary>
public sealed partial class LocalTriggerRunner(
    IHostApplicationLifetime lifetime,
    StorageAccount storage,
    AppSettings settings,
    HostJson host,
    LocalFunctionInvoker invoker,
    ILoggerFactory loggers,
    IFaultInjector? faults = null) : BackgroundService
{
    private readonly List<QueueTriggerListener> _queues = [];
    private readonly List<TimerTriggerListener> _timers = [];
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<QueueTriggerListener> QueueListeners => _queues;

    public IReadOnlyList<TimerTriggerListener> TimerListeners => _timers;

    /// <summary>Completes when every listener has been started.</summary>
    public Task Started => _started.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => ready.TrySetResult()))
        using (stoppingToken.Register(() => ready.TrySetCanceled(stoppingToken)))
        {
            await ready.Task;
        }

        var logger = loggers.CreateLogger("LocalTriggerRunner");
        var runs = new List<Task>();
        foreach (var function in FunctionIndex.All)
        {
            switch (function.Trigger)
            {
                case TriggerKind.Queue:
                    var queueName = settings.ResolveExpression(function.QueueName!);
                    var listener = new QueueTriggerListener(
                        function, storage.RawQueue(queueName), storage.RawQueue(queueName + "-poison"), host, invoker, TimeProvider.System, loggers.CreateLogger(function.Name), faults);
                    _queues.Add(listener);
                    runs.Add(listener.RunAsync(stoppingToken));
                    LogStarted(logger, function.Name, "queue " + queueName);
                    break;
                case TriggerKind.Timer:
                    var schedule = settings.ResolveExpression(function.Schedule!);
                    var timer = new TimerTriggerListener(
                        function, Schedules.Parse(function.Schedule!, schedule), storage.Table(TableNames.TimerStatus), invoker, TimeProvider.System, loggers.CreateLogger(function.Name));
                    _timers.Add(timer);
                    runs.Add(timer.RunAsync(stoppingToken));
                    LogStarted(logger, function.Name, "schedule " + schedule);
                    break;
                case TriggerKind.Http:
                    break;
                default:
                    throw new InvalidOperationException($"Unknown trigger of {function.Name}.");
            }
        }

        _started.TrySetResult();
        try
        {
            await Task.WhenAll(runs);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local host: {Function} on {Trigger}")]
    private static partial void LogStarted(ILogger logger, string function, string trigger);
}
