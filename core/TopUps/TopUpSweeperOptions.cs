using System.Globalization;

namespace UnitPay.Core.TopUps;

/// <summary>
/// How the top-up sweeper (and auto top-up) treat attempts that are stuck or failed. Each has a setting (its name is the
/// constant beside it); durations are written as <c>[d.]hh:mm:ss</c>.
/// </summary>
public sealed record TopUpSweeperOptions
{
    public const string PendingTimeoutSetting = "UNITPAY_TOPUP_SWEEPER_PENDING_TIMEOUT";
    public const string RetryBackoffSetting = "UNITPAY_TOPUP_SWEEPER_RETRY_BACKOFF";
    public const string MaxBackoffSetting = "UNITPAY_TOPUP_SWEEPER_MAX_BACKOFF";
    public const string MaxReplaysSetting = "UNITPAY_TOPUP_SWEEPER_MAX_REPLAYS";
    public const string DisableAfterFailuresSetting = "UNITPAY_AUTO_TOPUP_DISABLE_AFTER_FAILURES";
    public const string LeaseSetting = "UNITPAY_TOPUP_SWEEPER_LEASE";
    public const string CrossingGraceSetting = "UNITPAY_AUTO_TOPUP_CROSSING_GRACE";

    /// <summary>A <c>pending</c> attempt untouched this long is resumed (charged again under its own idempotency key). Default 10 minutes.</summary>
    public TimeSpan PendingTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The wait before the first replay of a failed auto top-up; each further failure doubles it. Default 15 minutes.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest wait between replays. Default 6 hours.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromHours(6);

    /// <summary>The most times one pending attempt is resumed, and the most replays of a run of failures. Default 5.</summary>
    public int MaxReplays { get; init; } = 5;

    /// <summary>Consecutive failed auto top-ups after which the rule is disabled (with the reason). Default 3.</summary>
    public int DisableAfterFailures { get; init; } = 3;

    /// <summary>How long a sweeper's claim on an attempt lasts; a run killed half-way leaves it to the next run after this. Default 2 minutes.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// An auto top-up threshold crossing recorded this long ago and still not handled is fired by the sweeper (its firer
    /// stopped between the commit and the firing). Default 2 minutes.
    /// </summary>
    public TimeSpan CrossingGrace { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts looked at per run (the rest wait for the next run). Default 500.</summary>
    public int MaxPerRun { get; init; } = 500;

    /// <summary>The wait before replay number <paramref name="failures"/> (1 for the first): <see cref="RetryBackoff"/> doubled per failure, at most <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BackoffAfter(int failures)
    {
        var factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var ticks = RetryBackoff.Ticks * factor;
        return ticks >= MaxBackoff.Ticks ? MaxBackoff : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Reads the options from settings by name (absent: the default); a bad value throws <see cref="FormatException"/> naming the setting.</summary>
    public static TopUpSweeperOptions FromSettings(Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var defaults = new TopUpSweeperOptions();
        return new TopUpSweeperOptions
        {
            PendingTimeout = Duration(setting, PendingTimeoutSetting, defaults.PendingTimeout),
            RetryBackoff = Duration(setting, RetryBackoffSetting, defaults.RetryBackoff),
            MaxBackoff = Duration(setting, MaxBackoffSetting, defaults.MaxBackoff),
            MaxReplays = Count(setting, MaxReplaysSetting, defaults.MaxReplays, 0),
            DisableAfterFailures = Count(setting, DisableAfterFailuresSetting, defaults.DisableAfterFailures, 1),
            Lease = Duration(setting, LeaseSetting, defaults.Lease),
            CrossingGrace = Duration(setting, CrossingGraceSetting, defaults.CrossingGrace),
        };
    }

    private static TimeSpan Duration(Func<string, string?> setting, string name, TimeSpan fallback)
    {
        var text = setting(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new FormatException($"{name}: '{text}' is not a positive duration ([d.]hh:mm:ss).");
    }

    private static int Count(Func<string, string?> setting, string name, int fallback, int min)
    {
        var text = setting(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= 100
            ? value
            : throw new FormatException($"{name}: '{text}' is not a whole number from {min} to 100.");
    }
}
