namespace UnitPay.Core.Plans;

/// <summary>
/// What happens to the unused remainder of a per-cycle grant at its cycle's end: <see cref="Percentage"/> of it
/// (rounded down) moves to a new rollover grant, the rest is forfeited. A credit rolls over at most
/// <see cref="MaxCount"/> consecutive times.
/// </summary>
public sealed record RolloverPolicy
{
    public required int Percentage { get; init; }

    public required int MaxCount { get; init; }

    /// <summary>How long after the cycle boundary the rollover grant expires; absent: at the end of the new cycle.</summary>
    public CalendarDuration? ExpiresAfter { get; init; }
}
