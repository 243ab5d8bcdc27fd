using CsCheck;
using UnitPay.Core.Analytics;

namespace UnitPay.Core.Tests.Analytics;

public sealed class RunwayTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);

    private static FutureGrant G(string id, long amount, int priority = 10, double? expiresInDays = null, double effectiveInDays = 0) =>
        new(id, amount, priority, Now.AddDays(effectiveInDays), expiresInDays is { } e ? Now.AddDays(e) : null);

    [Fact]
    public void Credits_that_never_expire_last_their_total_over_the_burn()
    {
        var runway = Runway.Project([G("a", 100), G("b", 50)], 0, 10m, Now);

        Assert.Equal(15m, runway.RunwayDays);
        Assert.Equal(Now.AddDays(15), runway.DepletesAt);
        Assert.Equal(0, runway.LostToExpiry);
    }

    [Fact]
    public void What_expires_before_it_is_spent_is_lost_and_shortens_the_runway()
    {
        // 100 expiring in 5 days (spent first: it expires sooner), then 30 that never expire: 50 of the first is lost.
        var runway = Runway.Project([G("soon", 100, expiresInDays: 5), G("later", 30)], 0, 10m, Now);

        Assert.Equal(8m, runway.RunwayDays);
        Assert.Equal(50, runway.LostToExpiry);
    }

    [Fact]
    public void A_scheduled_cycle_grant_that_arrives_before_the_credits_run_out_extends_the_runway()
    {
        var withRenewal = Runway.Project([G("now", 100), G("renewal", 100, effectiveInDays: 8, expiresInDays: 38)], 0, 10m, Now);
        var tooLate = Runway.Project([G("now", 100), G("renewal", 100, effectiveInDays: 12, expiresInDays: 42)], 0, 10m, Now);

        Assert.Equal(20m, withRenewal.RunwayDays);
        Assert.Equal(10m, tooLate.RunwayDays); // the credits ran out on day 10; a grant on day 12 starts a new runway
    }

    [Fact]
    public void No_burn_has_no_runway_and_credits_beyond_the_horizon_say_so()
    {
        Assert.Null(Runway.Project([G("a", 100)], 0, 0m, Now).RunwayDays);
        var beyond = Runway.Project([G("a", 1_000_000)], 0, 1m, Now, horizonDays: 365);
        Assert.True(beyond.BeyondHorizon);
        Assert.Null(beyond.RunwayDays);
    }

    [Fact]
    public void A_deficit_is_repaid_before_the_runway_starts()
    {
        Assert.Equal(5m, Runway.Project([G("a", 100)], 50, 10m, Now).RunwayDays);
        Assert.Equal(0m, Runway.Project([], 0, 10m, Now).RunwayDays);
    }

    private static readonly Gen<FutureGrant[]> GenGrants =
        (from amount in Gen.Long[1, 1_000]
         from priority in Gen.Int[0, 3]
         from expires in Gen.Int[1, 60].Nullable()
         from effective in Gen.Int[0, 20]
         from id in Gen.Int[0, 1_000_000]
         select new FutureGrant("g" + id, amount, priority, Now.AddDays(effective), expires is { } e ? Now.AddDays(effective + e) : null)).Array[0, 12];

    [Fact]
    public void More_burn_never_lengthens_the_runway_and_no_runway_outlasts_every_credit_spent_at_that_burn() =>
        Gen.Select(GenGrants, Gen.Int[1, 200], Gen.Int[1, 200]).Sample((grants, a, b) =>
        {
            var (low, high) = (Math.Min(a, b), Math.Max(a, b));
            var slow = Runway.Project(grants, 0, low, Now);
            var fast = Runway.Project(grants, 0, high, Now);
            var lastArrival = grants.Length == 0 ? 0 : grants.Max(g => (decimal)(g.EffectiveAt - Now).TotalDays);
            var bound = lastArrival + (grants.Sum(g => g.Amount) / (decimal)high);
            return (slow.RunwayDays ?? decimal.MaxValue) >= (fast.RunwayDays ?? decimal.MaxValue) - 0.01m
                && (fast.RunwayDays ?? 0) <= bound + 0.01m;
        });
}
