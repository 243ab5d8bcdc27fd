using System.Text.Json.Serialization;

namespace UnitPay.Core.TopUps;

/// <summary>How an attempt is paid: an off-session <c>charge</c> of the saved method, an <c>invoice</c> line, or a payment <c>form</c> the customer completes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FundingMethod>))]
public enum FundingMethod
{
    [JsonStringEnumMemberName("charge")]
    Charge,

    [JsonStringEnumMemberName("invoice")]
    Invoice,

    [JsonStringEnumMemberName("form")]
    Form,
}
