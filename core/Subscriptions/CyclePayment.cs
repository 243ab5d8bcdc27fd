using UnitPay.Core.TopUps;

namespace UnitPay.Core.Subscriptions;

/// <summary>
/// The charge for one cycle of a paid subscription of a card customer. Its <c>subpay_</c> id derives from (subscription,
/// cycle start) and is the provider's idempotency key, so a cycle is charged at most once however often the timer or a
/// webhook comes back to it. The cycle's grants are issued only once it is <c>succeeded</c>.
/// </summary>
public sealed record CyclePayment
{
    public required string Id { get; init; }

    public required string SubscriptionId { get; init; }

    public required string CustomerId { get; init; }

    public required DateTimeOffset CycleStart { get; init; }

    public required DateTimeOffset CycleEnd { get; init; }

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    /// <summary><c>pending</c>, <c>succeeded</c> or <c>failed</c>.</summary>
    public required TopUpStatus Status { get; init; }

    /// <summary>Pay in a form rather than charging the saved method (the subscriber asked for it).</summary>
    public bool UseForm { get; init; }

    public string? PaymentId { get; init; }

    public string? ClientSecret { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
