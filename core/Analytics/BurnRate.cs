using UnitPay.Core.Ledger;

namespace UnitPay.Core.Analytics;

/// <summary>
/// Consumption over a window, from the ledger: what DEBIT entries took (usage deductions and captured holds), by UTC
/// day and by feature. Expiries, voids and holds are not consumption: expiries enter the runway instead.
/// </summary>
public static class BurnRate
{
    /// <summary>The feature name used for consumption that names no feature (a captured hold placed by amount).</summary>
    public const string Unattributed = "";

    /// <summary>
    /// Buckets the DEBIT entries of <paramref name="entries"/> that fall in the window into days and features.
    /// Entries outside the window are ignored, so the caller may pass a read that overshoots it.
    /// </summary>
    public static BurnSummary Summarize(IEnumerable<LedgerEntry> entries, BurnWindow window, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var start = window.StartAt(now);
        var days = Enumerable.Range(0, window.Days).Select(i => start.AddDays(i)).ToList();
        var total = new long[window.Days];
        var byFeature = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Type != LedgerEntryType.Debit || entry.CreatedAt < start || entry.CreatedAt > now)
            {
                continue;
            }

            var day = (int)(entry.CreatedAt.UtcDateTime.Date - start.UtcDateTime).TotalDays;
            total[day] = checked(total[day] + entry.Amount);
            var feature = entry.FeatureSlug ?? Unattributed;
            if (!byFeature.TryGetValue(feature, out var series))
            {
                byFeature[feature] = series = new long[window.Days];
            }

            series[day] = checked(series[day] + entry.Amount);
        }

        return new BurnSummary(
            window,
            start,
            Series(days, total),
            byFeature.Select(f => new FeatureBurn(f.Key, Series(days, f.Value))).ToList());
    }

    private static List<DailyBurn> Series(List<DateTimeOffset> days, long[] amounts) =>
        days.Select((d, i) => new DailyBurn(DateOnly.FromDateTime(d.UtcDateTime), amounts[i])).ToList();
}
