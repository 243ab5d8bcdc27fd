using System.Text.Json.Serialization;

namespace UnitPay.Core.Plans;

/// <summary>How often a plan's credit grant rule grants.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GrantCadence>))]
public enum GrantCadence
{
    /// <summary>At activation and at every cycle boundary; expires at the cycle's end unless the rule says otherwise.</summary>
    [JsonStringEnumMemberName("per_cycle")]
    PerCycle,

    /// <summary>Every UTC day (including the day of activation); expires at the end of that day unless the rule says otherwise.</summary>
    [JsonStringEnumMemberName("daily")]
    Daily,

    /// <summary>Once, at activation; never expires unless the rule says otherwise.</summary>
    [JsonStringEnumMemberName("once")]
    Once,
}
