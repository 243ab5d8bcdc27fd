namespace UnitPay.Core.Subscriptions;

/// <summary>What advancing one subscription did: where it stands now (null if it does not exist), steps applied, and whether a wallet failed.</summary>
public sealed record SubscriptionAdvance(Subscription? Subscription, int Steps, bool Failed)
{
    /// <summary>When the advance stopped at a cycle whose charge is not paid: that cycle's payment.</summary>
    public CyclePayment? UnpaidCycle { get; init; }
}
