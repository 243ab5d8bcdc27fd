namespace UnitPay.Core.Webhooks;

/// <summary>The event types a webhook endpoint can subscribe to (their wire names).</summary>
public static class WebhookEventTypes
{
    public const string GrantCreated = "credit.grant.created";
    public const string GrantExpired = "credit.grant.expired";
    public const string BalanceLow = "credit.balance_low";
    public const string TopUpSucceeded = "credit.topup.succeeded";
    public const string TopUpFailed = "credit.topup.failed";
    public const string SubscriptionRenewed = "subscription.renewed";
    public const string SubscriptionPastDue = "subscription.past_due";

    /// <summary>Every type, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [GrantCreated, GrantExpired, BalanceLow, TopUpSucceeded, TopUpFailed, SubscriptionRenewed, SubscriptionPastDue];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);
}
