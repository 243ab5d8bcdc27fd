namespace UnitPay.Core.Results;

/// <summary>The stable error codes of the public API.</summary>
public static class FailureCodes
{
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string NotFound = "NOT_FOUND";
    public const string Conflict = "CONFLICT";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string CurrencyMismatch = "CURRENCY_MISMATCH";
    public const string InsufficientCredits = "INSUFFICIENT_CREDITS";
    public const string TopupRequiresPaymentMethod = "TOPUP_REQUIRES_PM";
    public const string WalletFrozen = "WALLET_FROZEN";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string RateLimited = "RATE_LIMITED";
}
