namespace UnitPay.Core.AutoTopUp;

/// <summary>
/// The body of <c>PUT /v1/customers/{id}/auto-topup-rules/{creditCurrencyId}</c>, as sent (validated by
/// <see cref="AutoTopUpRuleService.PutAsync"/>). Amounts are integers of minor units: <see cref="Threshold"/> and
/// <see cref="TopupAmount"/> of the wallet's denomination, <see cref="MonthlyChargeLimit"/> of the money charged.
/// <c>{"enabled": false}</c> alone disables an existing rule and keeps the rest.
/// </summary>
public sealed record AutoTopUpRuleRequest
{
    /// <summary><c>package</c> (unit wallets) or <c>amount</c> (fiat wallets).</summary>
    public string? Mode { get; init; }

    /// <summary>Fires when the available balance is at or below this (0 or more).</summary>
    public long? Threshold { get; init; }

    /// <summary>Mode <c>amount</c>: the credits to buy each time, charged 1:1 in the wallet's money.</summary>
    public long? TopupAmount { get; init; }

    /// <summary>Mode <c>package</c>: the package to buy each time (of the wallet's credit currency, active).</summary>
    public string? CreditPackageId { get; init; }

    /// <summary>The most money auto top-ups may charge in a calendar month (UTC), in minor units of the charge currency; null: no cap.</summary>
    public long? MonthlyChargeLimit { get; init; }

    /// <summary>Default true.</summary>
    public bool? Enabled { get; init; }
}
