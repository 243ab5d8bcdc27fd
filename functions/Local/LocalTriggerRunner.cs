using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using UnitPay.Core.Storage;
using UnitPay.Functions.Configuration;
using UnitPay.Functions.Hosting;

namespace UnitPay.Functions.Local;

/// <summary>
/// A development stand-in for the Functions host's trigger side: once the handler listens, it drives every queue and
/// timer function of <see cref="FunctionCatalog"/> with the semantics of host.json, invoking the very endpoints the
/// host would, with the same payloads. In Azure the Functions host drives the triggers and this does not run.
/// Triggers run on the wall clock, as the host's do, whatever clock the domain is given.
/// </summary>
public sealed partial class LocalTriggerRunner(
    IServer server,
    IHostApplicationLifetime lifetime,
    StorageAccount storage,
    AppSettings settings,
    HostJson host,
    ILoggerFactory loggers) : BackgroundService
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

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The handler has no listening address.");
        using var http = new HttpClient { BaseAddress = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)), Timeout = TimeSpan.FromMinutes(10) };
        var invoker = new FunctionInvoker(http);
        var logger = loggers.CreateLogger("LocalTriggerRunner");
        var runs = new List<Task>();
        foreach (var function in FunctionCatalog.All)
        {
            switch (function.Trigger)
            {
                case TriggerKind.Queue:
                    var queueName = settings.Resolve(function.QueueNameSetting!);
                    var listener = new QueueTriggerListener(
                        function, storage.RawQueue(queueName), storage.RawQueue(queueName + "-poison"), host, invoker, TimeProvider.System, loggers.CreateLogger(function.Name));
                    _queues.Add(listener);
                    runs.Add(listener.RunAsync(stoppingToken));
                    LogStarted(logger, function.Name, "queue " + queueName);
                    break;
                case TriggerKind.Timer:
                    var schedule = settings.Resolve(function.ScheduleSetting!);
                    var timer = new TimerTriggerListener(
                        function, Schedules.Parse(function.ScheduleSetting!, schedule), storage.Table(TableNames.TimerStatus), invoker, TimeProvider.System, loggers.CreateLogger(function.Name));
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Local trigger runner: {Function} on {Trigger}")]
    private static partial void LogStarted(ILogger logger, string function, string trigger);
}
