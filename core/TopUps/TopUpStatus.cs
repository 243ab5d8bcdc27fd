using System.Text.Json.Serialization;

namespace UnitPay.Core.TopUps;

/// <summary>Where a top-up attempt stands: <c>pending</c> until its money is confirmed (then <c>succeeded</c>, credits granted) or refused (<c>failed</c>); <c>skipped</c> when it was not tried.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TopUpStatus>))]
public enum TopUpStatus
{
    [JsonStringEnumMemberName("pending")]
    Pending,

    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("skipped")]
    Skipped,
}
