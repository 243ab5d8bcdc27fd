using System.Text.Json.Serialization;

namespace UnitPay.Core.Plans;

/// <summary>The length of a plan's cycle.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BillingInterval>))]
public enum BillingInterval
{
    [JsonStringEnumMemberName("month")]
    Month,

    [JsonStringEnumMemberName("year")]
    Year,
}
