using System.Text.Json.Serialization;
using UnitPay.Core.Money;
using UnitPay.Core.Plans;

namespace UnitPay.Core.TopUps;

/// <summary>
/// One attempt to put credits into a wallet for money: a top-up by amount or a package purchase. Its row is the
/// attempt's history: created <c>pending</c>, then moved (ETag-guarded) to <c>succeeded</c> or <c>failed</c>; a retry of
/// a failed attempt is a new attempt (<see cref="ReplayOf"/>). Its <see cref="Id"/> is the provider's idempotency key
/// and the key of its grant in the wallet, so it is charged at most once and granted at most once.
/// </summary>
public sealed record TopUpAttempt
{
    /// <summary>A <c>topup_</c> id.</summary>
    public required string Id { get; init; }

    public required string CustomerId { get; init; }

    public required string CreditCurrencyId { get; init; }

    public required string CreditAccountId { get; init; }

    /// <summary>The package bought, for a package purchase (ledger reason PACKAGE_PURCHASE); null for a top-up by amount (TOPUP).</summary>
    public string? PackageId { get; init; }

    public required TopUpStatus Status { get; init; }

    public required TriggerSource TriggerSource { get; init; }

    public required FundingMethod FundingMethod { get; init; }

    /// <summary>The credits to grant, in minor units of the wallet's denomination.</summary>
    public required long Amount { get; init; }

    /// <summary>The money collected for them.</summary>
    public required Price ChargeAmount { get; init; }

    /// <summary>How long the granted credits last (a package's expiresAfter); null: they do not expire.</summary>
    public CalendarDuration? ExpiresAfter { get; init; }

    /// <summary>The provider's charge (PaymentIntent) id, once there is one.</summary>
    public string? PaymentId { get; init; }

    /// <summary>For a form or an authentication the customer must complete: what the browser opens it with.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The invoice line, for an invoiced attempt.</summary>
    public string? InvoiceId { get; init; }

    /// <summary>The grant made when the attempt succeeded (its id derives from the attempt's).</summary>
    public string? GrantId { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public string? SkipReason { get; init; }

    /// <summary>The attempt this one replays (sweeper), if any.</summary>
    public string? ReplayOf { get; init; }

    /// <summary>Auto top-up: the wallet's available balance and the rule's threshold when it fired.</summary>
    public long? BalanceAtFire { get; init; }

    public long? ThresholdAtFire { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    [JsonIgnore]
    public bool IsPackagePurchase => PackageId is not null;
}
