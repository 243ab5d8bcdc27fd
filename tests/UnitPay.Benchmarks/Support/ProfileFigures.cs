namespace UnitPay.Benchmarks.Support;

/// <summary>
/// Where a timed run's time went: each kind of request (see <see cref="PhaseProfile"/>), the cores the app process
/// and Azurite kept busy, the share of the run the app spent paused for GC, and the share of it during which some task
/// on the machine waited for a CPU (<see cref="CpuPressure"/>).
/// </summary>
internal sealed record ProfileFigures(
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, RequestStats> Requests,
    double AppCores,
    double AzuriteCores,
    double GcPauseShare,
    double CpuPressureShare)
{
    public RequestStats Of(string kind) => Requests.TryGetValue(kind, out var stats) ? stats : new RequestStats(0, 0, double.NaN, double.NaN);

    /// <summary>
    /// Summed duration of the requests of <paramref name="kind"/> over the run's duration: the share of the run they
    /// were in flight when they never overlap (one wallet's commits), else how many were in flight on average.
    /// </summary>
    public double BusyShare(string kind) => Of(kind).TotalSeconds / Elapsed.TotalSeconds;
}
