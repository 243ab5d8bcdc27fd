namespace UnitPay.Core.Subscriptions;

/// <summary>What a subscription does at one instant of its schedule, across its wallets.</summary>
public sealed record SubscriptionStep
{
    public required DateTimeOffset At { get; init; }

    /// <summary>The cycle that begins at <see cref="At"/> (activation or renewal, unless the subscription ends there).</summary>
    public (DateTimeOffset Start, DateTimeOffset End)? StartingCycle { get; init; }

    public required bool EndsSubscription { get; init; }

    /// <summary>One entry per wallet that has something to do; each is applied as one wallet transaction.</summary>
    public required IReadOnlyList<WalletCycleStep> Wallets { get; init; }
}
