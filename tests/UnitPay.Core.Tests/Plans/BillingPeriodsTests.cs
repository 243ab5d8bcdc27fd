using UnitPay.Core.Plans;

namespace UnitPay.Core.Tests.Plans;

public sealed class BillingPeriodsTests
{
    private static DateTimeOffset At(int y, int m, int d, int h = 0) => new(y, m, d, h, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Monthly_boundaries_are_counted_from_the_anchor_so_month_ends_do_not_drift()
    {
        var anchor = At(2026, 1, 31, 9);

        var boundaries = Enumerable.Range(0, 5).Select(k => BillingPeriods.Boundary(anchor, BillingInterval.Month, k));

        Assert.Equal([At(2026, 1, 31, 9), At(2026, 2, 28, 9), At(2026, 3, 31, 9), At(2026, 4, 30, 9), At(2026, 5, 31, 9)], boundaries);
    }

    [Fact]
    public void Yearly_cycles_of_a_leap_day_anchor_end_on_Feb_28_and_return_to_Feb_29()
    {
        var anchor = At(2028, 2, 29);

        Assert.Equal(At(2029, 2, 28), BillingPeriods.Boundary(anchor, BillingInterval.Year, 1));
        Assert.Equal(At(2032, 2, 29), BillingPeriods.Boundary(anchor, BillingInterval.Year, 4));
        Assert.Equal((At(2029, 2, 28), At(2030, 2, 28)), BillingPeriods.CycleContaining(anchor, BillingInterval.Year, At(2029, 6, 1)));
    }

    [Theory]
    [InlineData("2026-01-31T09:00:00Z", 0, "2026-01-31T09:00:00Z", "2026-02-28T09:00:00Z")]
    [InlineData("2026-02-28T08:59:59Z", 0, "2026-01-31T09:00:00Z", "2026-02-28T09:00:00Z")]
    [InlineData("2026-02-28T09:00:00Z", 1, "2026-02-28T09:00:00Z", "2026-03-31T09:00:00Z")]
    [InlineData("2026-03-30T23:00:00Z", 1, "2026-02-28T09:00:00Z", "2026-03-31T09:00:00Z")]
    [InlineData("2027-01-31T09:00:00Z", 12, "2027-01-31T09:00:00Z", "2027-02-28T09:00:00Z")]
    public void The_cycle_containing_an_instant_starts_at_or_before_it_and_ends_after_it(string at, int index, string start, string end)
    {
        var anchor = At(2026, 1, 31, 9);
        var t = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(index, BillingPeriods.CycleIndex(anchor, BillingInterval.Month, t));
        Assert.Equal(
            (DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture)),
            BillingPeriods.CycleContaining(anchor, BillingInterval.Month, t));
    }

    [Fact]
    public void Renewals_are_the_boundaries_after_the_anchor_and_days_are_UTC_days()
    {
        var anchor = At(2026, 1, 15, 10);

        Assert.False(BillingPeriods.IsRenewal(anchor, BillingInterval.Month, anchor));
        Assert.True(BillingPeriods.IsRenewal(anchor, BillingInterval.Month, At(2026, 2, 15, 10)));
        Assert.False(BillingPeriods.IsRenewal(anchor, BillingInterval.Month, At(2026, 2, 16)));
        Assert.Equal(At(2026, 2, 15, 10), BillingPeriods.NextBoundaryAfter(anchor, BillingInterval.Month, anchor));
        Assert.Equal(At(2026, 1, 16), BillingPeriods.NextMidnight(anchor));
        Assert.Equal(At(2026, 1, 17), BillingPeriods.NextMidnight(At(2026, 1, 16)));
    }

    [Theory]
    [InlineData("PT12H", "2026-01-15T22:00:00Z")]
    [InlineData("P7D", "2026-01-22T10:00:00Z")]
    [InlineData("P2W", "2026-01-29T10:00:00Z")]
    [InlineData("P1M", "2026-02-15T10:00:00Z")]
    [InlineData("P1Y", "2027-01-15T10:00:00Z")]
    public void Durations_are_ISO_8601_with_one_calendar_unit(string text, string expected)
    {
        Assert.True(CalendarDuration.TryParse(text, out var duration));
        Assert.Equal(text, duration.ToString());
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), duration.AddTo(At(2026, 1, 15, 10)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1M")]
    [InlineData("P0D")]
    [InlineData("P1M2D")]
    [InlineData("P10000D")]
    [InlineData("PT1M")]
    [InlineData("p1m")]
    public void Other_duration_texts_are_refused(string? text) => Assert.False(CalendarDuration.TryParse(text, out _));
}
