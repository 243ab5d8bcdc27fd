using UnitPay.Core.Grants;

namespace UnitPay.Core.Subscriptions;

/// <summary>
/// One wallet's part of one subscription step (one instant of its schedule), applied as one wallet transaction by
/// <see cref="CycleTransition.Apply"/>: first the rollovers of the cycle that ends at <see cref="At"/>, then the
/// grants that start at it.
/// </summary>
public sealed record WalletCycleStep
{
    public required string OrgId { get; init; }

    public required string CustomerId { get; init; }

    public required string SubscriptionId { get; init; }

    public required string CreditCurrencyId { get; init; }

    public required string WalletId { get; init; }

    /// <summary>The scheduled instant (not the time the timer runs): grants are effective from it.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>True when a cycle ends at <see cref="At"/> (a renewal, or the subscription's end).</summary>
    public required bool EndsCycle { get; init; }

    /// <summary>True when the subscription ends at <see cref="At"/>: nothing rolls over and nothing new is granted.</summary>
    public required bool EndsSubscription { get; init; }

    public required IReadOnlyList<CycleRollover> Rollovers { get; init; }

    /// <summary>The grants this step issues, with ids derived from (subscription, rule, instant). Their CreatedAt is set when applied.</summary>
    public required IReadOnlyList<Grant> NewGrants { get; init; }
}
