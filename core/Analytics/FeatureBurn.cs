namespace UnitPay.Core.Analytics;

/// <summary>One feature's consumption over the window, day by day.</summary>
public sealed record FeatureBurn(string FeatureSlug, IReadOnlyList<DailyBurn> Daily)
{
    public long Total => Daily.Sum(d => d.Amount);

    /// <summary>The total over the window's days, in minor units per day, exact (not rounded).</summary>
    public decimal AverageDaily => Daily.Count == 0 ? 0 : (decimal)Total / Daily.Count;
}
