namespace UnitPay.Testing;

/// <summary>
/// A clock the test moves by hand (cycles, days, expiries), while delays and timers still run on real time. The
/// engine's retry back-offs (Polly) wait on the injected TimeProvider; on a fake clock whose timers fire only when the
/// test advances it (FakeTimeProvider), a lost ETag race would wait forever. Only "now" is the test's to decide.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <summary>Moves the clock forward to <paramref name="at"/> (never back: the engine's time only moves on).</summary>
    public void MoveTo(DateTimeOffset at)
    {
        if (at < GetUtcNow())
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, "The clock only moves forward.");
        }

        Interlocked.Exchange(ref _utcTicks, at.UtcTicks);
    }

    public void Advance(TimeSpan by) => MoveTo(GetUtcNow() + by);
}
