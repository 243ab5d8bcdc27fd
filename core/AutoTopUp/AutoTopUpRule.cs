namespace UnitPay.Core.AutoTopUp;

/// <summary>
/// A wallet's auto top-up rule, as stored and as answered. One per wallet (customer, credit currency). A disabled rule
/// keeps its fields, so a re-enable finds them; <see cref="DisabledReason"/> says why the engine disabled it (null
/// when a caller did). <see cref="Version"/> grows with every change: crossings fire per (wallet, version, crossing).
/// </summary>
public sealed record AutoTopUpRule
{
    public required string CustomerId { get; init; }

    public required string CreditCurrencyId { get; init; }

    /// <summary>The wallet (<c>cacc_</c>), created with the rule if it did not exist.</summary>
    public required string CreditAccountId { get; init; }

    public required AutoTopUpMode Mode { get; init; }

    /// <summary>In minor units of the wallet's denomination.</summary>
    public required long Threshold { get; init; }

    /// <summary>Mode amount: credits bought each time, in minor units of the wallet's denomination.</summary>
    public long? TopupAmount { get; init; }

    /// <summary>Mode package: the package bought each time.</summary>
    public string? CreditPackageId { get; init; }

    /// <summary>In minor units of <see cref="ChargeCurrency"/>; null: no cap.</summary>
    public long? MonthlyChargeLimit { get; init; }

    /// <summary>The money charged (lowercase ISO-4217): the wallet's own for mode amount, the package's price currency for mode package.</summary>
    public required string ChargeCurrency { get; init; }

    public required bool Enabled { get; init; }

    /// <summary>Why the engine disabled the rule (consecutive failed top-ups), or null.</summary>
    public string? DisabledReason { get; init; }

    public DateTimeOffset? DisabledAt { get; init; }

    public required int Version { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
