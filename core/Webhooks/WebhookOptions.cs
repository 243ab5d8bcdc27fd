using System.Globalization;

namespace UnitPay.Core.Webhooks;

/// <summary>
/// How outbound webhooks are queued, retried and swept. Each has a setting (its name is the constant beside it);
/// durations are written as <c>[d.]hh:mm:ss</c>.
/// </summary>
public sealed record WebhookOptions
{
    public const string QueueSetting = "UNITPAY_WEBHOOK_QUEUE";
    public const string FirstRetrySetting = "UNITPAY_WEBHOOK_FIRST_RETRY";
    public const string MaxRetryDelaySetting = "UNITPAY_WEBHOOK_MAX_RETRY_DELAY";
    public const string RetryForSetting = "UNITPAY_WEBHOOK_RETRY_FOR";
    public const string TimeoutSetting = "UNITPAY_WEBHOOK_TIMEOUT";
    public const string SweepGraceSetting = "UNITPAY_WEBHOOK_SWEEP_GRACE";
    public const string SecretKeySetting = "UNITPAY_WEBHOOK_SECRET_KEY";

    public const string DefaultQueue = "webhook-deliveries";

    /// <summary>The queue of deliveries (one message per event and endpoint); <c>DeliverWebhookQueue</c> binds to it.</summary>
    public string Queue { get; init; } = DefaultQueue;

    /// <summary>The wait after the first failed attempt; each further failure doubles it. Default 30 seconds.</summary>
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts. Default 1 hour.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long after the event attempts go on; no attempt is scheduled past it (the delivery is then failed). Default 1 day.</summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How long one attempt waits for the receiver's answer. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How old a wallet's outbox mark must be before the sweeper looks at it: the live dispatch handles fresh ones, the
    /// sweeper what a dead instance left. Default 2 minutes.
    /// </summary>
    public TimeSpan SweepGrace { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The key (base64 of 32 bytes) endpoint secrets are encrypted with at rest; null: stored as issued, never shown again.</summary>
    public byte[]? SecretKey { get; init; }

    /// <summary>
    /// When attempt number <paramref name="failedAttempt"/> + 1 is due, after attempt <paramref name="failedAttempt"/>
    /// (1 for the first) failed at <paramref name="now"/>: <see cref="FirstRetry"/> doubled per failure, at most
    /// <see cref="MaxRetryDelay"/>, less up to a fifth at random (<paramref name="jitter"/> in [0, 1)) so receivers
    /// that come back are not hit by every sender at once. Null when that is past <see cref="RetryFor"/> after
    /// <paramref name="eventAt"/>: give up.
    /// </summary>
    public DateTimeOffset? NextAttemptAt(int failedAttempt, DateTimeOffset eventAt, DateTimeOffset now, double jitter)
    {
        var factor = Math.Pow(2, Math.Clamp(failedAttempt - 1, 0, 30));
        var ticks = Math.Min(FirstRetry.Ticks * factor, MaxRetryDelay.Ticks);
        var delay = TimeSpan.FromTicks((long)(ticks * (1 - (0.2 * Math.Clamp(jitter, 0, 1)))));
        var next = now + delay;
        return next > eventAt + RetryFor ? null : next;
    }

    /// <summary>Reads the options from settings by name (absent: the default); a bad value throws <see cref="FormatException"/> naming the setting.</summary>
    public static WebhookOptions FromSettings(Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var defaults = new WebhookOptions();
        byte[]? key = null;
        if (setting(SecretKeySetting) is { Length: > 0 } text)
        {
            try
            {
                key = Convert.FromBase64String(text.Trim());
            }
            catch (FormatException)
            {
                key = null;
            }

            if (key is not { Length: 32 })
            {
                throw new FormatException($"{SecretKeySetting}: is not the base64 of 32 bytes.");
            }
        }

        return new WebhookOptions
        {
            Queue = setting(QueueSetting) is { Length: > 0 } q ? q.Trim() : DefaultQueue,
            FirstRetry = Duration(setting, FirstRetrySetting, defaults.FirstRetry),
            MaxRetryDelay = Duration(setting, MaxRetryDelaySetting, defaults.MaxRetryDelay),
            RetryFor = Duration(setting, RetryForSetting, defaults.RetryFor),
            Timeout = Duration(setting, TimeoutSetting, defaults.Timeout),
            SweepGrace = Duration(setting, SweepGraceSetting, defaults.SweepGrace, allowZero: true),
            SecretKey = key,
        };
    }

    private static TimeSpan Duration(Func<string, string?> setting, string name, TimeSpan fallback, bool allowZero = false)
    {
        var text = setting(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var value) && (value > TimeSpan.Zero || (allowZero && value == TimeSpan.Zero)) && value <= TimeSpan.FromDays(6)
            ? value
            : throw new FormatException($"{name}: '{text}' is not a {(allowZero ? "non-negative" : "positive")} duration ([d.]hh:mm:ss) of at most 6 days.");
    }
}
