using System.Text.Json.Serialization;

namespace UnitPay.Core.Plans;

/// <summary>What a plan costs per cycle: an amount in minor units of an ISO currency (0 for a free plan), and the cycle's length.</summary>
public sealed record PlanPrice
{
    public required long Amount { get; init; }

    /// <summary>Lowercase ISO-4217 code; may be absent on a free plan.</summary>
    public string? Currency { get; init; }

    public required BillingInterval Interval { get; init; }

    [JsonIgnore]
    public bool IsFree => Amount == 0;
}
