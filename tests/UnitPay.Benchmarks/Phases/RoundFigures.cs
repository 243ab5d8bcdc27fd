using UnitPay.Benchmarks.Support;

namespace UnitPay.Benchmarks.Phases;

/// <summary>
/// One round of the side-by-side measurement: Azurite's ceiling, the naive baseline and the engine's worker on a hot
/// wallet, back to back, so each ratio compares figures taken under the same load on the machine.
/// </summary>
internal sealed record RoundFigures(CeilingFigures Ceiling, NaiveFigures Naive, DrainFigures Worker, double CpuPressureShare)
{
    public double RatioToNaive => Worker.EventsPerSecond / Naive.EventsPerSecond;

    public double CeilingFraction => Worker.EntitiesPerSecond / Ceiling.EntitiesPerSecond;
}
