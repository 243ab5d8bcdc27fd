using UnitPay.Functions.Configuration;

namespace UnitPay.Testing;

/// <summary>
/// Settings that keep the local trigger runner's timers from firing while a test runs (the queue listener still
/// works), for tests that invoke the timer functions themselves at moments of their choosing.
/// </summary>
public static class QuietTimers
{
    /// <summary>
    /// The first second of a month five to six months away: never due during a test, and further away than one
    /// Task.Delay can wait (about 49.7 days), so the runner must wait for it in steps.
    /// </summary>
    public static string Schedule { get; } = $"0 0 0 1 {((DateTime.UtcNow.Month + 5) % 12) + 1} *";

    public static Dictionary<string, string?> Settings() => new()
    {
        [SettingNames.ExpireGrantsSchedule] = Schedule,
        [SettingNames.GrantCyclesSchedule] = Schedule,
        [SettingNames.WebhookSweepSchedule] = Schedule,
    };
}
