namespace UnitPay.Benchmarks.Phases;

/// <summary>The naive writer's run: events applied, in how long, by how many workers, and how many writes lost the ETag race.</summary>
internal sealed record NaiveFigures(int Workers, int Events, TimeSpan Elapsed, long Conflicts)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    /// <summary>Write attempts per applied event (1 when no write ever lost a race).</summary>
    public double AttemptsPerEvent => Events == 0 ? 0 : (double)(Events + Conflicts) / Events;
}
