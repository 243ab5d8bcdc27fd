namespace UnitPay.Core.Payments;

/// <summary>The app settings that configure payments (read by <see cref="PaymentOptions.Load"/>).</summary>
public static class PaymentSettings
{
    /// <summary><c>sandbox</c> (default) or <c>stripe</c>.</summary>
    public const string Provider = "UNITPAY_PAYMENT_PROVIDER";

    /// <summary>Stripe's secret key; an app setting or a Key Vault reference, never committed.</summary>
    public const string StripeSecretKey = "UNITPAY_STRIPE_SECRET_KEY";

    /// <summary>The Stripe webhook endpoint's signing secret (<c>whsec_…</c>).</summary>
    public const string StripeWebhookSecret = "UNITPAY_STRIPE_WEBHOOK_SECRET";

    /// <summary>Stripe's API base (tests only).</summary>
    public const string StripeApiBase = "UNITPAY_STRIPE_API_BASE";

    public const string SandboxWebhookSecret = "UNITPAY_SANDBOX_WEBHOOK_SECRET";

    public const string SandboxWebhookQueue = "UNITPAY_SANDBOX_WEBHOOK_QUEUE";

    /// <summary>The largest top-up amount, in minor units of the wallet's denomination (see <see cref="TopUps.TopUpOptions"/>).</summary>
    public const string TopUpMaxAmount = "UNITPAY_TOPUP_MAX_AMOUNT";
}
