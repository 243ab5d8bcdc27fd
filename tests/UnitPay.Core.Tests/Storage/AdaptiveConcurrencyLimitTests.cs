using Microsoft.Extensions.Time.Testing;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Tests.Storage;

/// <summary>The bound on wallet transactions in flight: leases, first-come order, growth when answers are fast, cuts when slow.</summary>
public sealed class AdaptiveConcurrencyLimitTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(400);

    private static AdaptiveConcurrencyLimit NewLimit(FakeTimeProvider clock, int initial = 4, int min = 2, int max = 64) =>
        new(new AdaptiveLimitOptions { InitialLimit = initial, MinLimit = min, MaxLimit = max, TargetLatency = TimeSpan.FromMilliseconds(100) }, clock);

    [Fact]
    public async Task Past_the_bound_callers_wait_and_are_served_first_come_first_served()
    {
        var limit = NewLimit(new FakeTimeProvider(), initial: 2);
        var first = await limit.AcquireAsync(CancellationToken.None);
        var second = await limit.AcquireAsync(CancellationToken.None);

        var third = limit.AcquireAsync(CancellationToken.None).AsTask();
        var fourth = limit.AcquireAsync(CancellationToken.None).AsTask();
        Assert.False(third.IsCompleted);
        Assert.Equal((2, 2), (limit.InFlight, limit.Waiting));

        first.Dispose();
        first.Dispose(); // a lease frees its slot once
        var granted = await third;
        Assert.False(fourth.IsCompleted);
        Assert.Equal((2, 1), (limit.InFlight, limit.Waiting));

        second.Dispose();
        granted.Dispose();
        (await fourth).Dispose();
        Assert.Equal((0, 0), (limit.InFlight, limit.Waiting));
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_line_without_taking_a_slot()
    {
        var limit = NewLimit(new FakeTimeProvider(), initial: 2, min: 1);
        using var a = await limit.AcquireAsync(CancellationToken.None);
        using var b = await limit.AcquireAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = limit.AcquireAsync(cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal((2, 0), (limit.InFlight, limit.Waiting));
    }

    [Fact]
    public async Task Fast_answers_grow_a_bound_in_use_by_about_one_a_round_and_never_past_the_maximum()
    {
        var clock = new FakeTimeProvider();
        var limit = NewLimit(clock, initial: 4, max: 6);
        var leases = new List<AdaptiveConcurrencyLimit.Lease>();
        for (var i = 0; i < 4; i++)
        {
            leases.Add(await limit.AcquireAsync(CancellationToken.None));
        }

        for (var i = 0; i < 5; i++)
        {
            limit.Observe(Fast); // a round of answers with all of the bound in use: one more slot (1/limit each)
        }

        Assert.Equal(5, limit.Limit);
        for (var i = 0; i < 100; i++)
        {
            leases.Add(await limit.AcquireAsync(CancellationToken.None));
            limit.Observe(Fast);
            clock.Advance(Fast);
            if (limit.InFlight >= limit.Limit)
            {
                leases[0].Dispose();
                leases.RemoveAt(0);
            }
        }

        Assert.Equal(6, limit.Limit);
    }

    [Fact]
    public void Fast_answers_do_not_grow_a_bound_nobody_uses()
    {
        var limit = NewLimit(new FakeTimeProvider(), initial: 4);
        for (var i = 0; i < 50; i++)
        {
            limit.Observe(Fast);
        }

        Assert.Equal(4, limit.Limit);
    }

    [Fact]
    public void A_slow_moment_cuts_the_bound_once_and_repeated_slowness_down_to_the_minimum()
    {
        var clock = new FakeTimeProvider();
        var limit = NewLimit(clock, initial: 16, min: 2);

        // Several slow answers of one congested moment: one cut.
        limit.Observe(Slow);
        limit.Observe(Slow);
        limit.Observe(Slow, throttled: true);
        Assert.Equal(12, limit.Limit);

        for (var i = 0; i < 20; i++)
        {
            clock.Advance(Slow);
            limit.Observe(Slow);
        }

        Assert.Equal(2, limit.Limit);
    }

    [Fact]
    public void A_throttling_answer_cuts_the_bound_even_when_it_came_quickly()
    {
        var limit = NewLimit(new FakeTimeProvider(), initial: 8);
        limit.Observe(Fast, throttled: true);
        Assert.Equal(6, limit.Limit);
    }

    [Fact]
    public void Options_out_of_order_are_refused()
    {
        var clock = new FakeTimeProvider();
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveConcurrencyLimit(new AdaptiveLimitOptions { MinLimit = 0 }, clock));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveConcurrencyLimit(new AdaptiveLimitOptions { InitialLimit = 300 }, clock));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveConcurrencyLimit(new AdaptiveLimitOptions { Backoff = 1 }, clock));
    }
}
