namespace UnitPay.Core.Ledger;

/// <summary>The specific reason for a ledger entry; wire form is SCREAMING_SNAKE_CASE.</summary>
public enum LedgerReason
{
    Grant,
    Topup,
    PackagePurchase,
    AutoTopup,
    Rollover,
    UsageDeduction,
    HoldPlaced,
    HoldCapture,
    HoldExpired,
    HoldReleased,
    Expiration,
    RolloverForfeit,
    OverageForgiven,
    OverageInvoiced,
    DeficitRepaid,
    ManualAdjustment,
    GrantVoided,
}
