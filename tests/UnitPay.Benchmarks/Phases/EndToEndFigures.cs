using UnitPay.Benchmarks.Support;

namespace UnitPay.Benchmarks.Phases;

/// <summary>
/// The end-to-end run on one hot wallet: its throughput, the check latencies around and under it, and the lag from a
/// track call's answer to the event's deduction, at saturation and at a paced load the worker keeps up with.
/// </summary>
internal sealed record EndToEndFigures(
    DrainFigures Drain,
    Latencies CheckIdle,
    Latencies CheckUnderLoad,
    Latencies CheckIdleAfter,
    Latencies CheckUnderPacedLoad,
    double PacedEventsPerSecond,
    Latencies LagPaced,
    Latencies LagSaturated);
