using System.Text.Json.Serialization;

namespace UnitPay.Core.Subscriptions;

/// <summary>Active until its end (a cancellation takes effect at the end of the cycle it was made in), then canceled.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SubscriptionStatus>))]
public enum SubscriptionStatus
{
    [JsonStringEnumMemberName("active")]
    Active,

    [JsonStringEnumMemberName("canceled")]
    Canceled,
}
