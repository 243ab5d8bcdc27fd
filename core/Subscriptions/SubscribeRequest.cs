namespace UnitPay.Core.Subscriptions;

/// <summary><c>POST /v1/subscriptions</c> <c>{customerId, planId, forceForm?}</c>; <see cref="ForceForm"/> pays a card subscriber's first period in a form.</summary>
public sealed record SubscribeRequest
{
    public string? CustomerId { get; init; }

    public string? PlanId { get; init; }

    public bool ForceForm { get; init; }
}
