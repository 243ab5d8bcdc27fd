using System.Globalization;

namespace UnitPay.Benchmarks.Support;

/// <summary>
/// How contended the machine's CPUs were over a stretch of time: the share of it during which some runnable task had
/// to wait for a CPU (Linux pressure stall information, /proc/pressure/cpu "some"). Other work on the machine makes
/// figures drift; this says by how much. NaN where the kernel does not report it.
/// </summary>
internal readonly record struct CpuPressure(double StalledMicroseconds, DateTimeOffset At)
{
    private const string Source = "/proc/pressure/cpu";

    public static CpuPressure Now() => new(Read(), DateTimeOffset.UtcNow);

    /// <summary>The share of the time since this reading during which some task waited for a CPU.</summary>
    public double ShareSince()
    {
        var now = Now();
        return (now.StalledMicroseconds - StalledMicroseconds) / (now.At - At).TotalMicroseconds;
    }

    private static double Read()
    {
        try
        {
            // some avg10=1.00 avg60=2.00 avg300=3.00 total=123456
            var some = File.ReadLines(Source).First(l => l.StartsWith("some", StringComparison.Ordinal));
            var total = some.Split(' ').First(p => p.StartsWith("total=", StringComparison.Ordinal))["total=".Length..];
            return double.Parse(total, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            return double.NaN;
        }
    }
}
