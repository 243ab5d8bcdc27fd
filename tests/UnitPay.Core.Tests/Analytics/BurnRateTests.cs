using UnitPay.Core.Analytics;
using UnitPay.Core.Ledger;

namespace UnitPay.Core.Tests.Analytics;

public sealed class BurnRateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 15, 0, 0, TimeSpan.Zero);

    private static LedgerEntry Entry(LedgerEntryType type, long amount, DateTimeOffset at, string? feature = null) => new()
    {
        Sequence = 1,
        Type = type,
        Reason = type == LedgerEntryType.Debit ? LedgerReason.UsageDeduction : LedgerReason.Grant,
        Amount = amount,
        BalanceBefore = 0,
        BalanceAfter = 0,
        FeatureSlug = feature,
        CreatedAt = at,
    };

    [Fact]
    public void Debits_are_bucketed_by_utc_day_and_feature_and_nothing_else_counts_as_burn()
    {
        var entries = new[]
        {
            Entry(LedgerEntryType.Debit, 30, Now.AddHours(-1), "chat"),
            Entry(LedgerEntryType.Debit, 12, Now.AddHours(-2), "image"),
            Entry(LedgerEntryType.Debit, 8, Now.AddDays(-1), "chat"),
            Entry(LedgerEntryType.Credit, 500, Now.AddHours(-3)),
            Entry(LedgerEntryType.Expire, 40, Now.AddHours(-4)),
            Entry(LedgerEntryType.Debit, 999, Now.AddDays(-7), "chat"), // before a 7-day window's first midnight
        };

        var burn = BurnRate.Summarize(entries, new BurnWindow(7), Now);

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero), burn.Start);
        Assert.Equal(7, burn.Daily.Count);
        Assert.Equal((42L, 8L), (burn.Daily[^1].Amount, burn.Daily[^2].Amount));
        Assert.Equal(50, burn.Total);
        Assert.Equal(50m / 7, burn.AverageDaily);
        Assert.Equal(["chat", "image"], burn.Features.Select(f => f.FeatureSlug));
        Assert.Equal((38L, 12L), (burn.Features[0].Total, burn.Features[1].Total));
    }

    [Theory]
    [InlineData(null, 30)]
    [InlineData("7d", 7)]
    [InlineData("90", 90)]
    public void A_window_is_a_number_of_days(string? text, int days) =>
        Assert.Equal(days, BurnWindow.Parse(text).Value.Days);

    [Theory]
    [InlineData("0d")]
    [InlineData("91d")]
    [InlineData("a week")]
    [InlineData("-3")]
    public void Other_windows_are_refused_naming_the_parameter(string text) =>
        Assert.Equal("window", BurnWindow.Parse(text).Failure!.Errors!.Keys.Single());
}
