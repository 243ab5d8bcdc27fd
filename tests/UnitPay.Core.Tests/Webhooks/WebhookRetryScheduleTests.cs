using UnitPay.Core.Webhooks;

namespace UnitPay.Core.Tests.Webhooks;

public sealed class WebhookRetryScheduleTests
{
    private static readonly DateTimeOffset EventAt = new(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);
    private static readonly WebhookOptions Defaults = new();

    [Fact]
    public void Delays_double_from_thirty_seconds_up_to_an_hour_without_jitter()
    {
        var delays = Enumerable.Range(1, 10).Select(n => Defaults.NextAttemptAt(n, EventAt, EventAt, 0)!.Value - EventAt).ToList();

        Assert.Equal(
            new[] { 30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600 }.Select(s => TimeSpan.FromSeconds(s)),
            delays);
    }

    [Fact]
    public void Jitter_takes_at_most_a_fifth_off_a_delay_and_never_adds()
    {
        for (var jitter = 0.0; jitter < 1; jitter += 0.05)
        {
            var delay = Defaults.NextAttemptAt(3, EventAt, EventAt, jitter)!.Value - EventAt;
            Assert.InRange(delay, TimeSpan.FromSeconds(96), TimeSpan.FromSeconds(120));
        }
    }

    [Fact]
    public void No_attempt_is_scheduled_past_a_day_after_the_event_and_the_whole_schedule_fits_in_it()
    {
        var now = EventAt;
        var attempts = 1;
        while (Defaults.NextAttemptAt(attempts, EventAt, now, 0.5) is { } next)
        {
            Assert.True(next <= EventAt + TimeSpan.FromDays(1));
            now = next;
            attempts++;
        }

        // 30 s doubling to the 1 h cap reaches the cap after ~1 h of retries, then about 23 hourly ones.
        Assert.InRange(attempts, 25, 40);
        Assert.True(now > EventAt + TimeSpan.FromHours(22), $"the last attempt was at {now - EventAt} after the event");
        Assert.Null(Defaults.NextAttemptAt(1, EventAt, EventAt + TimeSpan.FromDays(1), 0));
    }

    [Fact]
    public void Settings_are_read_by_name_and_a_bad_value_names_its_setting()
    {
        var options = WebhookOptions.FromSettings(name => name switch
        {
            WebhookOptions.FirstRetrySetting => "00:00:05",
            WebhookOptions.RetryForSetting => "02:00:00",
            WebhookOptions.SweepGraceSetting => "00:00:00",
            _ => null,
        });
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromHours(2), TimeSpan.Zero, "webhook-deliveries"), (options.FirstRetry, options.RetryFor, options.SweepGrace, options.Queue));

        var bad = Assert.Throws<FormatException>(() => WebhookOptions.FromSettings(name => name == WebhookOptions.FirstRetrySetting ? "soon" : null));
        Assert.Contains(WebhookOptions.FirstRetrySetting, bad.Message, StringComparison.Ordinal);
        var key = Assert.Throws<FormatException>(() => WebhookOptions.FromSettings(name => name == WebhookOptions.SecretKeySetting ? Convert.ToBase64String(new byte[16]) : null));
        Assert.Contains(WebhookOptions.SecretKeySetting, key.Message, StringComparison.Ordinal);
    }
}
