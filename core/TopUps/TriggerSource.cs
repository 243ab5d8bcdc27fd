using System.Text.Json.Serialization;

namespace UnitPay.Core.TopUps;

/// <summary>What started an attempt: a caller (<c>manual</c>), an auto top-up rule, or the sweeper replaying a stuck or failed one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TriggerSource>))]
public enum TriggerSource
{
    [JsonStringEnumMemberName("manual")]
    Manual,

    [JsonStringEnumMemberName("auto_topup")]
    AutoTopup,

    [JsonStringEnumMemberName("sweeper_replay")]
    SweeperReplay,
}
