using UnitPay.Benchmarks.Support;

namespace UnitPay.Benchmarks.Phases;

/// <summary>
/// The end-to-end runs on one hot wallet: the throughput with nothing else going on, the throughput while a caller
/// checks back to back, the check latencies around and under load, and the lag from a track call's answer to the
/// event's deduction, at saturation and at a steady paced load the worker keeps up with.
/// </summary>
internal sealed record EndToEndFigures(
    DrainFigures Drain,
    DrainFigures DrainWhileChecking,
    Latencies CheckIdle,
    Latencies CheckUnderLoad,
    Latencies CheckIdleAfter,
    double PacedEventsPerSecond,
    Latencies LagPaced,
    Latencies LagSaturated);
