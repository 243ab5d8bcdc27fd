using UnitPay.Benchmarks.Support;

namespace UnitPay.Benchmarks.Phases;

/// <summary>
/// One round of the side-by-side measurement: Azurite's ceiling, the naive baseline and the engine's worker on a hot
/// wallet (without, then with an auto top-up rule), back to back, so each ratio compares figures taken under the same
/// load on the machine.
/// </summary>
internal sealed record RoundFigures(CeilingFigures Ceiling, NaiveFigures Naive, DrainFigures Worker, DrainFigures WorkerWithRule, double CpuPressureShare)
{
    public double RuleOverPlain => WorkerWithRule.EventsPerSecond / Worker.EventsPerSecond;

    public double RatioToNaive => Worker.EventsPerSecond / Naive.EventsPerSecond;

    public double CeilingFraction => Worker.EntitiesPerSecond / Ceiling.EntitiesPerSecond;
}
