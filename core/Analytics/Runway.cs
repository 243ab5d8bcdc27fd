using UnitPay.Core.Deduction;

namespace UnitPay.Core.Analytics;

/// <summary>
/// Runway, as a pure function: the days until the spendable credits reach zero when <c>dailyBurn</c> is consumed
/// evenly, spending the grants in the engine's FIFO order, adding the grants subscriptions will issue on their dates
/// and losing what a grant still holds at its expiry. The simulation moves from event to event (a grant becoming
/// effective, a grant expiring, the grant being spent running dry), so its cost is the number of grants, not days.
/// </summary>
public static class Runway
{
    public const int DefaultHorizonDays = 365;

    /// <param name="grants">Open grants (their free credits) and scheduled ones.</param>
    /// <param name="deficit">Overage owed: repaid first from the credits counted here.</param>
    /// <param name="dailyBurn">Minor units consumed per day.</param>
    /// <param name="now">Where the runway starts.</param>
    /// <param name="horizonDays">How far ahead to look; credits lasting longer are reported as beyond it.</param>
    public static RunwayProjection Project(IEnumerable<FutureGrant> grants, long deficit, decimal dailyBurn, DateTimeOffset now, int horizonDays = DefaultHorizonDays)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentOutOfRangeException.ThrowIfNegative(dailyBurn);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizonDays, 1);
        if (dailyBurn == 0)
        {
            return new RunwayProjection(null, null, false, horizonDays, 0); // nothing is burned: no runway to speak of
        }

        var end = now.AddDays(horizonDays);
        var pending = grants.Where(g => g.Amount > 0 && (g.ExpiresAt is null || g.ExpiresAt > now) && g.EffectiveAt < end)
            .OrderBy(g => g.EffectiveAt).ThenBy(g => g.Id, StringComparer.Ordinal).ToList();
        var pool = new List<Slot>();
        var next = 0;
        var t = now;
        decimal owed = deficit;
        decimal lost = 0;

        while (true)
        {
            while (next < pending.Count && pending[next].EffectiveAt <= t)
            {
                pool.Add(new Slot(pending[next], pending[next].Amount));
                next++;
            }

            foreach (var expired in pool.Where(s => s.Grant.ExpiresAt <= t).ToList())
            {
                lost += expired.Left;
                pool.Remove(expired);
            }

            // A deficit is repaid before anything else is spent.
            while (owed > 0 && pool.Count > 0)
            {
                var first = pool.Order(SlotOrder).First();
                var take = Math.Min(owed, first.Left);
                first.Left -= take;
                owed -= take;
                if (first.Left == 0)
                {
                    pool.Remove(first);
                }
            }

            if (pool.Count == 0 || owed > 0)
            {
                // Nothing spendable now: the credits have run out (a grant arriving later starts a new runway).
                return Out(t);
            }

            var current = pool.Order(SlotOrder).First();
            var eventAt = Min(next < pending.Count ? pending[next].EffectiveAt : end, pool.Select(s => s.Grant.ExpiresAt ?? end).Min(), end);
            var untilEvent = (decimal)(eventAt - t).TotalDays;
            var untilDry = current.Left / dailyBurn;
            if (untilDry <= untilEvent)
            {
                t = t.AddDays((double)untilDry);
                pool.Remove(current);
                if (pool.Count == 0 && !(next < pending.Count && pending[next].EffectiveAt <= t))
                {
                    return Out(t);
                }

                continue;
            }

            current.Left -= untilEvent * dailyBurn;
            t = eventAt;
            if (t >= end)
            {
                return Beyond();
            }
        }

        RunwayProjection Out(DateTimeOffset at) =>
            at >= end ? Beyond() : new RunwayProjection(Math.Round((decimal)(at - now).TotalDays, 2), at, false, horizonDays, (long)Math.Round(lost));

        RunwayProjection Beyond() => new(null, null, true, horizonDays, (long)Math.Round(lost));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c) => a < b ? (a < c ? a : c) : (b < c ? b : c);

    private static readonly IComparer<Slot> SlotOrder = Comparer<Slot>.Create((a, b) =>
        FifoDeduction.SpendingOrder.Compare(Balance(a), Balance(b)));

    private static GrantBalance Balance(Slot s) => new(s.Grant.Id, 1, s.Grant.Priority, s.Grant.EffectiveAt, s.Grant.ExpiresAt);

    private sealed class Slot(FutureGrant grant, decimal left)
    {
        public FutureGrant Grant { get; } = grant;

        public decimal Left { get; set; } = left;
    }
}
