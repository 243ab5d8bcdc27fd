namespace UnitPay.Core.Analytics;

/// <summary>Consumption over a window: day by day in total and per feature.</summary>
public sealed record BurnSummary(BurnWindow Window, DateTimeOffset Start, IReadOnlyList<DailyBurn> Daily, IReadOnlyList<FeatureBurn> Features)
{
    public long Total => Daily.Sum(d => d.Amount);

    /// <summary>The total over the window's days, in minor units per day, exact (not rounded).</summary>
    public decimal AverageDaily => Daily.Count == 0 ? 0 : (decimal)Total / Daily.Count;
}
