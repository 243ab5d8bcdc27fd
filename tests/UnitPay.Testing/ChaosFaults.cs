using System.Globalization;
using System.Text;
using UnitPay.Core.Faults;

namespace UnitPay.Testing;

/// <summary>
/// A crash injector for soak tests: at each <see cref="FaultPoint"/> it throws <see cref="InjectedCrashException"/>
/// with the probability given for that point, drawn from one seeded random stream, and counts hits and crashes per
/// point. Off until <see cref="Enabled"/> is set, so a test can build its fixtures first. Under concurrency the order
/// in which threads draw differs from run to run, so a seed reproduces the probabilities, not the exact schedule.
/// </summary>
public sealed class ChaosFaults(int seed, IReadOnlyDictionary<FaultPoint, double> probabilities) : IFaultInjector
{
    private static readonly FaultPoint[] Points = Enum.GetValues<FaultPoint>();

    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private readonly long[] _hits = new long[Points.Length];
    private readonly long[] _crashes = new long[Points.Length];
    private volatile bool _enabled;

    public int Seed => seed;

    /// <summary>Whether crashes are injected (hits are counted either way).</summary>
    public bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    public long Crashes => Points.Sum(CrashesAt);

    public long CrashesAt(FaultPoint point) => Interlocked.Read(ref _crashes[(int)point]);

    public long HitsAt(FaultPoint point) => Interlocked.Read(ref _hits[(int)point]);

    public void Hit(FaultPoint point)
    {
        Interlocked.Increment(ref _hits[(int)point]);
        if (!_enabled || !probabilities.TryGetValue(point, out var p) || p <= 0)
        {
            return;
        }

        double draw;
        lock (_gate)
        {
            draw = _random.NextDouble();
        }

        if (draw < p)
        {
            Interlocked.Increment(ref _crashes[(int)point]);
            throw new InjectedCrashException(point);
        }
    }

    /// <summary>One line per point: hits, crashes and the probability used.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        foreach (var point in Points)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {point,-30} crashes {CrashesAt(point),6} of {HitsAt(point),7} hits (p={probabilities.GetValueOrDefault(point):0.###})");
        }

        return text.ToString();
    }
}
