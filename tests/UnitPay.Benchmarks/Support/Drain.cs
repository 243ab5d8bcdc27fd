using System.Diagnostics;
using UnitPay.Testing;

namespace UnitPay.Benchmarks.Support;

/// <summary>Waits, with a deadline, for the worker to have applied what was sent, showing progress on the way.</summary>
internal static class Drain
{
    /// <summary>The applied moment is seen within 20 ms: short against the seconds a drain takes.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Until the wallet's ledger reaches <paramref name="sequence"/> entries; returns <paramref name="clock"/>'s time then.</summary>
    public static async Task<TimeSpan> UntilSequenceAsync(BenchApp app, string walletId, long sequence, Stopwatch clock, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(clock);
        var shown = TimeSpan.Zero;
        await Poll.UntilAsync(
            async () =>
            {
                var at = (await app.HeadAsync(walletId)).LastSequence;
                Show(clock, ref shown, $"ledger at {at:N0} of {sequence:N0} entries");
                return at;
            },
            at => at >= sequence,
            timeout,
            $"wallet {walletId} to reach ledger entry {sequence}",
            Interval);
        return clock.Elapsed;
    }

    /// <summary>Until the runner has completed <paramref name="messages"/> queue messages; returns <paramref name="clock"/>'s time then.</summary>
    public static async Task<TimeSpan> UntilMessagesAsync(RunningTriggers triggers, long messages, Stopwatch clock, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        ArgumentNullException.ThrowIfNull(clock);
        var shown = TimeSpan.Zero;
        await Poll.UntilAsync(
            () =>
            {
                var done = triggers.MessagesSucceeded;
                Show(clock, ref shown, $"{done:N0} of {messages:N0} queue messages processed ({triggers.MessagesFailed} failed invocations)");
                return Task.FromResult(done);
            },
            done => done >= messages,
            timeout,
            $"{messages} queue messages to be processed",
            Interval);
        return clock.Elapsed;
    }

    private static void Show(Stopwatch clock, ref TimeSpan shown, string message)
    {
        if (clock.Elapsed - shown >= TimeSpan.FromSeconds(2))
        {
            shown = clock.Elapsed;
            Progress.Say("  " + message);
        }
    }
}
