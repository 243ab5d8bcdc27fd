using CsCheck;
using UnitPay.Core.Deduction;

namespace UnitPay.Core.Tests.Deduction;

public sealed class FifoDeductionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static readonly Gen<GrantBalance> GenGrant =
        from id in Gen.Int[0, 1_000_000]
        from remaining in Gen.Long[0, 1_000]
        from priority in Gen.Int[0, 60]
        from effectiveOffset in Gen.Int[-100, 5]
        from expiryOffset in Gen.Int[-5, 100].Nullable()
        select new GrantBalance(
            "g" + id.ToString("D7", System.Globalization.CultureInfo.InvariantCulture),
            remaining,
            priority,
            Now.AddHours(effectiveOffset),
            expiryOffset is { } e ? Now.AddHours(e) : null);

    private static readonly Gen<(GrantBalance[] Grants, long Amount)> GenCase =
        from grants in GenGrant.Array[0, 12]
        from amount in Gen.Long[0, 6_000]
        select (grants.DistinctBy(g => g.GrantId).ToArray(), amount);

    [Fact]
    public void Breakdown_sums_to_the_deduction_and_credits_never_appear_or_vanish() =>
        GenCase.Sample(c =>
        {
            var plan = FifoDeduction.Plan(c.Grants, c.Amount, Now);
            var drawn = plan.Draws.Sum(d => d.Amount);
            return drawn == plan.Covered
                && plan.Covered + plan.Shortfall == c.Amount
                && plan.Covered == Math.Min(c.Amount, FifoDeduction.SpendableTotal(c.Grants, Now));
        });

    [Fact]
    public void No_grant_is_drawn_below_zero_nor_twice() =>
        GenCase.Sample(c =>
        {
            var plan = FifoDeduction.Plan(c.Grants, c.Amount, Now);
            var byId = c.Grants.ToDictionary(g => g.GrantId);
            return plan.Draws.Select(d => d.GrantId).Distinct().Count() == plan.Draws.Count
                && plan.Draws.All(d => d.Amount > 0 && d.Amount <= byId[d.GrantId].Remaining);
        });

    [Fact]
    public void Expired_and_not_yet_effective_grants_are_never_spent() =>
        GenCase.Sample(c =>
        {
            var plan = FifoDeduction.Plan(c.Grants, c.Amount, Now);
            var byId = c.Grants.ToDictionary(g => g.GrantId);
            return plan.Draws.All(d => byId[d.GrantId].EffectiveAt <= Now && (byId[d.GrantId].ExpiresAt is null || byId[d.GrantId].ExpiresAt > Now));
        });

    [Fact]
    public void Draws_follow_spending_order_and_every_grant_before_the_last_is_emptied() =>
        GenCase.Sample(c =>
        {
            var plan = FifoDeduction.Plan(c.Grants, c.Amount, Now);
            var order = FifoDeduction.Spendable(c.Grants, Now).ToList();
            var byId = c.Grants.ToDictionary(g => g.GrantId);

            // The draws are a prefix of the spending order, and all but the last take everything the grant holds.
            for (var i = 0; i < plan.Draws.Count; i++)
            {
                if (plan.Draws[i].GrantId != order[i].GrantId)
                {
                    return false;
                }

                if (i < plan.Draws.Count - 1 && plan.Draws[i].Amount != byId[plan.Draws[i].GrantId].Remaining)
                {
                    return false;
                }
            }

            return true;
        });

    [Fact]
    public void Spending_order_is_priority_then_expiry_with_none_last_then_effective_time_then_id()
    {
        var grants = new[]
        {
            new GrantBalance("e", 1, 10, Now.AddHours(-1), null),
            new GrantBalance("d", 1, 10, Now.AddHours(-2), null),
            new GrantBalance("c", 1, 10, Now.AddHours(-1), Now.AddHours(5)),
            new GrantBalance("b", 1, 10, Now.AddHours(-1), Now.AddHours(2)),
            new GrantBalance("a", 1, 0, Now.AddHours(-1), null),
            new GrantBalance("f", 1, 10, Now.AddHours(-2), null),
        };

        var order = FifoDeduction.Spendable(grants, Now).Select(g => g.GrantId);

        Assert.Equal(["a", "b", "c", "d", "f", "e"], order);
    }

    [Fact]
    public void Drip_then_plan_then_package_are_spent_in_that_order()
    {
        var drip = new GrantBalance("drip", 5, 0, Now.AddHours(-1), Now.Date.AddDays(1));
        var plan = new GrantBalance("plan", 50, 10, Now.AddDays(-3), Now.AddDays(20));
        var package = new GrantBalance("package", 100, 50, Now.AddDays(-10), null);

        var result = FifoDeduction.Plan([package, plan, drip], 60, Now);

        Assert.Equal([new GrantDraw("drip", 5), new GrantDraw("plan", 50), new GrantDraw("package", 5)], result.Draws);
        Assert.True(result.IsFullyCovered);
    }

    [Fact]
    public void A_grant_is_gone_at_its_expiry_instant()
    {
        var grant = new GrantBalance("g", 10, 0, Now.AddHours(-1), Now);

        var plan = FifoDeduction.Plan([grant], 5, Now);

        Assert.Empty(plan.Draws);
        Assert.Equal(5, plan.Shortfall);
    }
}
