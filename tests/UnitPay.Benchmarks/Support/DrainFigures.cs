namespace UnitPay.Benchmarks.Support;

/// <summary>
/// What a worker did in a timed run: events applied, the engine's transactions and entity writes meanwhile (its own
/// counters), and where the time went.
/// </summary>
internal sealed record DrainFigures(int Events, TimeSpan Elapsed, long Transactions, long Entities, ProfileFigures Profile)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public double EventsPerTransaction => Transactions == 0 ? 0 : (double)Events / Transactions;

    public double EntitiesPerEvent => Events == 0 ? 0 : (double)Entities / Events;

    public double EntitiesPerSecond => Entities / Elapsed.TotalSeconds;

    public double TransactionsPerSecond => Transactions / Elapsed.TotalSeconds;

    public static DrainFigures Between(
        int events,
        TimeSpan elapsed,
        (long Transactions, long Entities) before,
        (long Transactions, long Entities) after,
        PhaseProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new(events, elapsed, after.Transactions - before.Transactions, after.Entities - before.Entities, profile.Stop(elapsed));
    }
}
