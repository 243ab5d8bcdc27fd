using System.Text.Json.Serialization;

namespace UnitPay.Core.Subscriptions;

/// <summary>
/// Active until its end (a cancellation takes effect at the end of the cycle it was made in), then canceled. A paid plan
/// charged to a card is <c>incomplete</c> until its first period is paid, and <c>past_due</c> when a renewal's charge
/// failed: nothing is granted until the cycle is paid, then it proceeds and the subscription is active again.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SubscriptionStatus>))]
public enum SubscriptionStatus
{
    [JsonStringEnumMemberName("active")]
    Active,

    [JsonStringEnumMemberName("canceled")]
    Canceled,

    [JsonStringEnumMemberName("past_due")]
    PastDue,

    [JsonStringEnumMemberName("incomplete")]
    Incomplete,
}
