using UnitPay.Benchmarks.Support;

namespace UnitPay.Benchmarks.Phases;

/// <summary>
/// One aggregate run over many wallets: the drain of a pre-filled queue, and (when measured) the lag at a steady
/// paced load of a quarter of that drain's rate, with the store bound the engine ended on.
/// </summary>
internal sealed record ManyWalletsFigures(
    int Wallets,
    DrainFigures Drain,
    TimeSpan SetUp,
    double PacedEventsPerSecond,
    Latencies LagPaced,
    int StoreLimitAfterDrain,
    DrainFigures? Paced)
{
    public bool LagMeasured => LagPaced.Count > 0;
}
