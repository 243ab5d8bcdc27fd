using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using UnitPay.Functions.Local;

namespace UnitPay.Benchmarks.Support;

/// <summary>
/// Profiles a timed run from outside the engine (no hooks in core): every HTTP request the process makes or serves,
/// from the runtime's own metrics (System.Net.Http's request duration, ASP.NET Core's by route), sorted by kind:
/// Azurite's table and queue requests by method, and the app's routes. Plus CPU time of this process (the app, its
/// trigger runner and the load) and of Azurite, the app's GC pauses, and how contended the machine's CPUs were.
/// </summary>
internal sealed class PhaseProfile : IDisposable
{
    public const string TableWrites = "table POST (transactions)";
    public const string TableReads = "table GET (reads)";
    public const string QueueReceives = "queue GET (receive)";
    public const string QueueDeletes = "queue DELETE";
    public const string Invocations = "app /DeductUsageQueue";
    public const string Checks = "app /v1/check";
    public const string Tracks = "app /v1/usage/track";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, Latencies> _requests = new(StringComparer.Ordinal);
    private readonly AzuriteProcess _azurite;
    private readonly IReadOnlyList<AzuriteProcess> _walletAzurites;
    private readonly Process _node;
    private readonly Process[] _walletNodes;
    private readonly TimeSpan _appCpu;
    private readonly TimeSpan _nodeCpu;
    private readonly TimeSpan _gcPause;
    private readonly CpuPressure _pressure;

    private PhaseProfile(AzuriteProcess azurite, IReadOnlyList<AzuriteProcess> walletAzurites)
    {
        _azurite = azurite;
        _walletAzurites = walletAzurites;
        _node = Process.GetProcessById(azurite.ProcessId);
        _walletNodes = [.. walletAzurites.Select(a => Process.GetProcessById(a.ProcessId))];
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name is "http.client.request.duration" or "http.server.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(Record);
        _listener.Start();
        _appCpu = Process.GetCurrentProcess().TotalProcessorTime;
        _nodeCpu = NodeCpu();
        _gcPause = GC.GetTotalPauseDuration();
        _pressure = CpuPressure.Now();
    }

    public static PhaseProfile Start(AzuriteProcess azurite) => new(azurite, []);

    /// <summary>A profile that also counts the Azurites of further wallet accounts (their CPU in Azurite's, their table requests in the app's).</summary>
    public static PhaseProfile Start(AzuriteProcess azurite, IReadOnlyList<AzuriteProcess> walletAzurites) => new(azurite, walletAzurites);

    public ProfileFigures Stop(TimeSpan elapsed)
    {
        _listener.Dispose();
        var seconds = elapsed.TotalSeconds;
        return new ProfileFigures(
            elapsed,
            _requests.ToDictionary(r => r.Key, r => new RequestStats(r.Value.Count, r.Value.Sum / 1_000, r.Value.P50, r.Value.P99), StringComparer.Ordinal),
            (Process.GetCurrentProcess().TotalProcessorTime - _appCpu).TotalSeconds / seconds,
            (NodeCpu() - _nodeCpu).TotalSeconds / seconds,
            (GC.GetTotalPauseDuration() - _gcPause).TotalSeconds / seconds,
            _pressure.ShareSince());
    }

    public void Dispose()
    {
        _listener.Dispose();
        _node.Dispose();
        foreach (var node in _walletNodes)
        {
            node.Dispose();
        }
    }

    private TimeSpan NodeCpu()
    {
        var total = TimeSpan.Zero;
        foreach (var node in _walletNodes.Prepend(_node))
        {
            node.Refresh();
            total += node.TotalProcessorTime;
        }

        return total;
    }

    private void Record(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? method = null, route = null;
        var port = 0;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "http.request.method":
                    method = tag.Value as string;
                    break;
                case "server.port":
                    port = tag.Value is int p ? p : 0;
                    break;
                case "http.route":
                    route = tag.Value as string;
                    break;
            }
        }

        var kind = instrument.Name == "http.server.request.duration"
            ? route is null ? null : "app " + route
            : port == _azurite.TablePort || _walletAzurites.Any(a => a.TablePort == port) ? $"table {method}"
            : port == _azurite.QueuePort ? $"queue {method}"
            : null;
        kind = kind switch
        {
            "table POST" => TableWrites,
            "table GET" => TableReads,
            "queue GET" => QueueReceives,
            _ => kind,
        };
        if (kind is not null)
        {
            _requests.GetOrAdd(kind, _ => new Latencies()).AddMilliseconds(seconds * 1_000);
        }
    }
}
