namespace UnitPay.Core.Plans;

/// <summary>One credit grant a plan makes: how much of which credit currency, how often, and how it expires and rolls over.</summary>
public sealed record CreditGrantRule
{
    public required string CreditCurrencyId { get; init; }

    /// <summary>In minor units of the credit currency.</summary>
    public required long Amount { get; init; }

    public required GrantCadence Cadence { get; init; }

    /// <summary>The priority of the grants this rule makes (defaults by source were applied at creation).</summary>
    public required int Priority { get; init; }

    /// <summary>How long after it is issued a grant expires; absent: the cadence's default (see <see cref="GrantCadence"/>).</summary>
    public CalendarDuration? ExpiresAfter { get; init; }

    /// <summary>Per-cycle rules only.</summary>
    public RolloverPolicy? Rollover { get; init; }
}
