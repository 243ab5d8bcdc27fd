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

    /// <summary>402: the payment provider declined the charge; nothing was granted.</summary>
    public const string PaymentFailed = "PAYMENT_FAILED";

    /// <summary>503: the payment provider did not answer in time; the attempt stays pending and a retry with the same key resumes it.</summary>
    public const string PaymentProviderUnavailable = "PAYMENT_PROVIDER_UNAVAILABLE";

    /// <summary>422: a unit credit currency without a <c>topUpPrice</c> sells no top-ups (packages only).</summary>
    public const string TopupNotPriced = "TOPUP_NOT_PRICED";

    /// <summary>422: an auto top-up rule's mode does not fit the wallet's denomination (<c>package</c> for unit wallets, <c>amount</c> for fiat ones).</summary>
    public const string AutoTopupModeMismatch = "AUTO_TOPUP_MODE_MISMATCH";

    /// <summary>400: a webhook whose signature does not verify; nothing was changed.</summary>
    public const string WebhookSignatureInvalid = "WEBHOOK_SIGNATURE_INVALID";
}
