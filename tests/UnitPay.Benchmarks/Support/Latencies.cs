namespace UnitPay.Benchmarks.Support;

/// <summary>A set of measured durations (thread-safe to add to) and their percentiles, in milliseconds.</summary>
internal sealed class Latencies
{
    private readonly List<double> _ms = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ms.Count;
            }
        }
    }

    /// <summary>The sum of every duration, in milliseconds.</summary>
    public double Sum
    {
        get
        {
            lock (_gate)
            {
                return _ms.Sum();
            }
        }
    }

    public void Add(TimeSpan duration) => AddMilliseconds(duration.TotalMilliseconds);

    public void AddMilliseconds(double ms)
    {
        lock (_gate)
        {
            _ms.Add(ms);
        }
    }

    /// <summary>The nearest-rank percentile (<paramref name="p"/> from 0 to 100); NaN when nothing was measured.</summary>
    public double Percentile(double p)
    {
        double[] sorted;
        lock (_gate)
        {
            sorted = [.. _ms];
        }

        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public double P50 => Percentile(50);

    public double P99 => Percentile(99);
}
