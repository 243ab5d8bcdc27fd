using System.Globalization;
using System.Text.Json.Nodes;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Subscriptions;
using UnitPay.Core.TopUps;

namespace UnitPay.Core.Webhooks;

/// <summary>
/// The webhook events of changes that are not wallet commits: a top-up attempt that failed, a subscription renewed or
/// past due. Each is written as an outbox row in the changed row's own transaction (see the stores); ids derive from
/// what changed, so a change written twice names the same event.
/// </summary>
public static class OrgWebhookEvents
{
    /// <summary><c>credit.topup.failed</c> for an attempt that has just failed.</summary>
    public static WebhookEvent TopUpFailed(string orgId, TopUpAttempt attempt, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var data = new JsonObject
        {
            ["topUpId"] = attempt.Id,
            ["creditAccountId"] = attempt.CreditAccountId,
            ["customerId"] = attempt.CustomerId,
            ["creditCurrencyId"] = attempt.CreditCurrencyId,
            ["amount"] = attempt.Amount,
            ["triggerSource"] = System.Text.Json.JsonSerializer.SerializeToNode(attempt.TriggerSource),
            ["errorCode"] = attempt.ErrorCode,
            ["errorMessage"] = attempt.ErrorMessage,
        };
        return new WebhookEvent(Ids.Derived(WebhookIds.EventPrefix, attempt.Id, WebhookEventTypes.TopUpFailed), WebhookEventTypes.TopUpFailed, at, orgId, data);
    }

    /// <summary><c>subscription.renewed</c>: the cycle starting at <see cref="Subscription.CurrentPeriodStart"/> is paid (or invoiced) and granted.</summary>
    public static WebhookEvent SubscriptionRenewed(string orgId, Subscription subscription, DateTimeOffset at) =>
        ForCycle(orgId, subscription, WebhookEventTypes.SubscriptionRenewed, at, null);

    /// <summary><c>subscription.past_due</c>: the charge of the cycle starting at <see cref="Subscription.CurrentPeriodStart"/> did not succeed.</summary>
    public static WebhookEvent SubscriptionPastDue(string orgId, Subscription subscription, DateTimeOffset at, string paymentId) =>
        ForCycle(orgId, subscription, WebhookEventTypes.SubscriptionPastDue, at, paymentId);

    private static WebhookEvent ForCycle(string orgId, Subscription subscription, string type, DateTimeOffset at, string? paymentId)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var start = subscription.CurrentPeriodStart.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var data = new JsonObject
        {
            ["subscriptionId"] = subscription.Id,
            ["customerId"] = subscription.CustomerId,
            ["planId"] = subscription.PlanId,
            ["status"] = System.Text.Json.JsonSerializer.SerializeToNode(subscription.Status),
            ["currentPeriodStart"] = start,
            ["currentPeriodEnd"] = subscription.CurrentPeriodEnd.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        };
        if (paymentId is not null)
        {
            data["paymentId"] = paymentId;
        }

        return new WebhookEvent(Ids.Derived(WebhookIds.EventPrefix, subscription.Id, start, type), type, at, orgId, data);
    }
}
