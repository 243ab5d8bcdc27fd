namespace UnitPay.Core.Plans;

/// <summary>
/// Cycle and day arithmetic. A subscription's cycles are anchored at its activation instant: boundary k is the
/// anchor plus k intervals, always computed from the anchor (never from the previous boundary), so month ends do
/// not drift: an anchor of Jan 31 gives Feb 28 (or 29), Mar 31, Apr 30. Days are UTC calendar days.
/// </summary>
public static class BillingPeriods
{
    /// <summary>Boundary <paramref name="k"/> (0 is the anchor).</summary>
    public static DateTimeOffset Boundary(DateTimeOffset anchor, BillingInterval interval, int k) => interval switch
    {
        BillingInterval.Month => anchor.AddMonths(k),
        BillingInterval.Year => anchor.AddYears(k),
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, null),
    };

    /// <summary>The index of the cycle that contains <paramref name="at"/>: the largest k with boundary k at or before it.</summary>
    public static int CycleIndex(DateTimeOffset anchor, BillingInterval interval, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(at, anchor);
        var months = ((at.UtcDateTime.Year - anchor.UtcDateTime.Year) * 12) + at.UtcDateTime.Month - anchor.UtcDateTime.Month;
        var k = interval == BillingInterval.Month ? months : months / 12;
        while (k > 0 && Boundary(anchor, interval, k) > at)
        {
            k--;
        }

        while (Boundary(anchor, interval, k + 1) <= at)
        {
            k++;
        }

        return k;
    }

    /// <summary>The cycle that contains <paramref name="at"/>: [start, end).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) CycleContaining(DateTimeOffset anchor, BillingInterval interval, DateTimeOffset at)
    {
        var k = CycleIndex(anchor, interval, at);
        return (Boundary(anchor, interval, k), Boundary(anchor, interval, k + 1));
    }

    /// <summary>The first boundary strictly after <paramref name="at"/>.</summary>
    public static DateTimeOffset NextBoundaryAfter(DateTimeOffset anchor, BillingInterval interval, DateTimeOffset at) =>
        at < anchor ? anchor : CycleContaining(anchor, interval, at).End;

    /// <summary>True when <paramref name="at"/> is a cycle boundary after the anchor (a renewal, not the activation).</summary>
    public static bool IsRenewal(DateTimeOffset anchor, BillingInterval interval, DateTimeOffset at) =>
        at > anchor && CycleContaining(anchor, interval, at).Start == at;

    /// <summary>The start of the UTC day that contains <paramref name="at"/>.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset at) => new(at.UtcDateTime.Date, TimeSpan.Zero);

    /// <summary>The first UTC midnight strictly after <paramref name="at"/>.</summary>
    public static DateTimeOffset NextMidnight(DateTimeOffset at) => StartOfDay(at).AddDays(1);
}
