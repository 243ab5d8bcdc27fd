namespace UnitPay.Core.Deduction;

/// <summary>
/// The FIFO deduction, as a pure function: grants in, breakdown out.
/// Spending order: priority ascending, then expiry ascending (no expiry last), then effective time, then id.
/// Grants that are not yet effective, already expired, or empty are never drawn from.
/// </summary>
public static class FifoDeduction
{
    /// <summary>Orders grants the way they are spent.</summary>
    public static readonly IComparer<GrantBalance> SpendingOrder = Comparer<GrantBalance>.Create(Compare);

    /// <summary>
    /// Plans taking <paramref name="amount"/> from <paramref name="grants"/> at <paramref name="now"/>.
    /// Draws as much as the spendable grants hold; what they cannot cover is the shortfall.
    /// </summary>
    public static DeductionPlan Plan(IEnumerable<GrantBalance> grants, long amount, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);

        var draws = new List<GrantDraw>();
        var left = amount;
        if (left > 0)
        {
            foreach (var grant in Spendable(grants, now))
            {
                var take = Math.Min(left, grant.Remaining);
                draws.Add(new GrantDraw(grant.GrantId, take));
                left -= take;
                if (left == 0)
                {
                    break;
                }
            }
        }

        return new DeductionPlan(draws, amount - left, left);
    }

    /// <summary>The sum that <see cref="Plan"/> could draw at <paramref name="now"/>.</summary>
    public static long SpendableTotal(IEnumerable<GrantBalance> grants, DateTimeOffset now)
    {
        long total = 0;
        foreach (var grant in grants)
        {
            if (IsSpendable(grant, now))
            {
                total = checked(total + grant.Remaining);
            }
        }

        return total;
    }

    /// <summary>The grants that can be spent at <paramref name="now"/>, in spending order.</summary>
    public static IEnumerable<GrantBalance> Spendable(IEnumerable<GrantBalance> grants, DateTimeOffset now) =>
        grants.Where(g => IsSpendable(g, now)).Order(SpendingOrder);

    private static bool IsSpendable(GrantBalance grant, DateTimeOffset now) =>
        grant.Remaining > 0 && grant.EffectiveAt <= now && (grant.ExpiresAt is null || grant.ExpiresAt > now);

    private static int Compare(GrantBalance x, GrantBalance y)
    {
        var byPriority = x.Priority.CompareTo(y.Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var byExpiry = (x.ExpiresAt, y.ExpiresAt) switch
        {
            (null, null) => 0,
            (null, _) => 1, // no expiry is spent last
            (_, null) => -1,
            ({ } a, { } b) => a.CompareTo(b),
        };
        if (byExpiry != 0)
        {
            return byExpiry;
        }

        var byEffective = x.EffectiveAt.CompareTo(y.EffectiveAt);
        return byEffective != 0 ? byEffective : string.CompareOrdinal(x.GrantId, y.GrantId);
    }
}
