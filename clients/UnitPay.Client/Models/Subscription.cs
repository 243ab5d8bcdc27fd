namespace UnitPay.Client.Models;

/// <summary>A customer's subscription to a plan.</summary>
/// <param name="Id"><c>sub_…</c></param>
/// <param name="CustomerId">The customer.</param>
/// <param name="PlanId">The plan.</param>
/// <param name="Status"><c>active</c>, <c>past_due</c>, <c>canceled</c>, ….</param>
/// <param name="CollectionMethod">How it is paid.</param>
/// <param name="CurrentPeriodStart">Start of the cycle.</param>
/// <param name="CurrentPeriodEnd">End of the cycle.</param>
/// <param name="CancelAt">When a cancellation takes effect.</param>
/// <param name="CanceledAt">When it was cancelled.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record Subscription(
    string Id,
    string CustomerId,
    string PlanId,
    string Status,
    string? CollectionMethod,
    DateTimeOffset? CurrentPeriodStart,
    DateTimeOffset? CurrentPeriodEnd,
    DateTimeOffset? CancelAt,
    DateTimeOffset? CanceledAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset CreatedAt);
