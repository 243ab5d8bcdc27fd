using UnitPay.Core.Plans;

namespace UnitPay.Core.Subscriptions;

/// <summary>
/// A customer's subscription to a plan. Its cycles are anchored at <see cref="StartedAt"/>. The grant timer walks its
/// schedule instant by instant (activation, renewals, UTC midnights when the plan drips, the end): every instant
/// before <see cref="NextStepAt"/> has had all its grants applied.
/// </summary>
public sealed record Subscription
{
    public required string Id { get; init; }

    public required string CustomerId { get; init; }

    public required string PlanId { get; init; }

    /// <summary>The customer's collection method when it subscribed: how each cycle's price is collected.</summary>
    public required string CollectionMethod { get; init; }

    public SubscriptionStatus Status { get; init; } = SubscriptionStatus.Active;

    /// <summary>The activation instant; cycle boundaries are this plus whole intervals.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The plan's interval (plans are immutable; kept here so cancelling needs no plan read).</summary>
    public required BillingInterval Interval { get; init; }

    /// <summary>The cycle the grant timer has begun (claimed). A cancellation ends the subscription no earlier than its end.</summary>
    public required DateTimeOffset CurrentPeriodStart { get; init; }

    public required DateTimeOffset CurrentPeriodEnd { get; init; }

    /// <summary>The first instant of the schedule whose grants are not applied yet; null once the subscription has ended.</summary>
    public DateTimeOffset? NextStepAt { get; init; }

    /// <summary>When a cancellation takes effect (a cycle boundary); no grant is issued at or after it.</summary>
    public DateTimeOffset? CancelAt { get; init; }

    public DateTimeOffset? CanceledAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
