using UnitPay.Core.Wallets;
using static UnitPay.Core.Tests.Wallets.SessionFixtures;

namespace UnitPay.Core.Tests.Wallets;

/// <summary>The lane's bounded memory of committed outcomes (<c>RecentEvents.cs</c>).</summary>
public sealed class RecentEventsTests
{
    private static EventOutcome Applied(string id, long amount) =>
        new() { EventId = id, Status = EventOutcomeStatus.Applied, Amount = amount, FeatureSlug = "chat", ProcessedAt = T0 };

    [Fact]
    public void The_first_outcome_for_an_id_wins_and_the_oldest_is_forgotten_past_capacity()
    {
        var recent = new RecentEvents(capacity: 2);
        recent.Add("a", Applied("a", 1));
        recent.Add("a", Applied("a", 99));
        recent.Add("b", Applied("b", 2));

        Assert.True(recent.TryGet("a", out var a));
        Assert.Equal(1, a.Amount);

        recent.Add("c", Applied("c", 3));

        Assert.False(recent.TryGet("a", out _));
        Assert.True(recent.TryGet("b", out _));
        Assert.True(recent.TryGet("c", out _));
        Assert.Equal(2, recent.Count);
    }
}
