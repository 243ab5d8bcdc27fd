using System.Text.Json.Serialization;
using UnitPay.Core.Money;
using UnitPay.Core.Results;

namespace UnitPay.Core.Catalog;

/// <summary>
/// What happens when a wallet of this currency cannot cover usage. <c>reject</c> (the default): nothing is deducted
/// and the event is recorded as rejected. <c>allow</c>: the wallet may go into deficit, down to
/// <c>-overageLimit</c> and never below; the deficit is settled at the cycle reset per <see cref="OverageBehavior"/>.
/// </summary>
public sealed record OveragePolicy
{
    public const string Reject = "reject";
    public const string Allow = "allow";
    public const string ForgiveAtReset = "forgive_at_reset";
    public const string InvoiceAtBilling = "invoice_at_billing";
    public const string CarryDeficit = "carry_deficit";

    public string Mode { get; init; } = Reject;

    /// <summary>The deepest deficit allowed, in the currency's minor units (allow only).</summary>
    public long? OverageLimit { get; init; }

    /// <summary><c>forgive_at_reset</c>, <c>invoice_at_billing</c> or <c>carry_deficit</c> (allow only).</summary>
    public string? OverageBehavior { get; init; }

    /// <summary>What one whole credit of deficit costs when invoiced (<c>invoice_at_billing</c> only).</summary>
    public OveragePrice? OveragePricePerUnit { get; init; }

    [JsonIgnore]
    public bool Allows => Mode == Allow;

    /// <summary>How deep a deficit usage may create: 0 unless overage is allowed.</summary>
    [JsonIgnore]
    public long Limit => Allows ? OverageLimit ?? 0 : 0;

    /// <summary>Checks a policy as sent by a caller; null when it is valid.</summary>
    public Failure? Validate()
    {
        switch (Mode)
        {
            case Reject:
                return OverageLimit is null && OverageBehavior is null && OveragePricePerUnit is null
                    ? null
                    : Failure.Validation("overage.mode", "overageLimit, overageBehavior and overagePricePerUnit apply to mode 'allow' only.");
            case Allow:
                break;
            default:
                return Failure.Validation("overage.mode", "overage.mode must be 'reject' or 'allow'.");
        }

        if (OverageLimit is not (> 0 and <= AmountLimits.MaxOverageLimit))
        {
            return Failure.Validation("overage.overageLimit", $"overage.overageLimit must be a positive integer of minor units, at most {AmountLimits.MaxOverageLimit}, when mode is 'allow'.");
        }

        if (OverageBehavior is not (ForgiveAtReset or InvoiceAtBilling or CarryDeficit))
        {
            return Failure.Validation("overage.overageBehavior", "overage.overageBehavior must be one of forgive_at_reset, invoice_at_billing, carry_deficit.");
        }

        if (OverageBehavior == InvoiceAtBilling)
        {
            if (OveragePricePerUnit is not { } price)
            {
                return Failure.Validation("overage.overagePricePerUnit", "overage.overagePricePerUnit {amount, currency} is required for invoice_at_billing.");
            }

            if (price.Amount < 0 || !Denomination.TryParse(price.Currency, out var money) || money.IsUnit)
            {
                return Failure.Validation("overage.overagePricePerUnit", "overage.overagePricePerUnit needs a non-negative amount in minor units and an ISO-4217 currency code.");
            }
        }
        else if (OveragePricePerUnit is not null)
        {
            return Failure.Validation("overage.overagePricePerUnit", "overage.overagePricePerUnit applies to invoice_at_billing only.");
        }

        return null;
    }
}

/// <summary>A money price: an amount in the minor units of an ISO-4217 currency.</summary>
public sealed record OveragePrice(long Amount, string Currency);
