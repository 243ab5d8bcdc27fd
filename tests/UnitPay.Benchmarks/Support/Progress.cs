using System.Diagnostics;

namespace UnitPay.Benchmarks.Support;

/// <summary>What the run is doing, on stderr (stdout carries the table), stamped with the time since start.</summary>
internal static class Progress
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void Say(string message) =>
        Console.Error.WriteLine($"[{Clock.Elapsed.TotalSeconds,6:0.0}s] {message}");
}
