namespace UnitPay.Core.Payments;

/// <summary>
/// Which payment provider the engine uses and how it reaches it. Secrets come from app settings (or Key Vault
/// references in them), never from the repository. Built by <see cref="Load"/> from the settings named in
/// <see cref="PaymentSettings"/>.
/// </summary>
public sealed record PaymentOptions
{
    public const string Sandbox = "sandbox";
    public const string Stripe = "stripe";

    /// <summary><c>sandbox</c> (default) or <c>stripe</c>.</summary>
    public string Provider { get; init; } = Sandbox;

    /// <summary>Stripe's secret API key (<c>sk_live_…</c> / <c>sk_test_…</c>); required for <c>stripe</c>.</summary>
    public string? StripeSecretKey { get; init; }

    /// <summary>The signing secret of the Stripe webhook endpoint (<c>whsec_…</c>); required for <c>stripe</c>.</summary>
    public string? StripeWebhookSecret { get; init; }

    /// <summary>Stripe's API base address; only tests (a loopback server) change it.</summary>
    public Uri? StripeApiBase { get; init; }

    /// <summary>
    /// The sandbox's webhook signing secret. Not a secret of any real account: the sandbox moves no money. The default
    /// serves local runs and tests.
    /// </summary>
    public string SandboxWebhookSecret { get; init; } = "whsec_sandbox_local_only";

    /// <summary>The storage queue the sandbox posts its webhooks to (<see cref="Sandbox.SandboxWebhookRelay"/> delivers them).</summary>
    public string SandboxWebhookQueue { get; init; } = "sandbox-webhooks";

    /// <summary>How old a webhook signature may be.</summary>
    public TimeSpan WebhookTolerance { get; init; } = WebhookSignature.DefaultTolerance;

    /// <summary>Reads the options from settings (by the names in <see cref="PaymentSettings"/>); throws <see cref="ArgumentException"/> naming a bad setting.</summary>
    public static PaymentOptions Load(Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var provider = (setting(PaymentSettings.Provider) is { Length: > 0 } p ? p : Sandbox).Trim().ToLowerInvariant();
        var options = new PaymentOptions
        {
            Provider = provider,
            StripeSecretKey = setting(PaymentSettings.StripeSecretKey),
            StripeWebhookSecret = setting(PaymentSettings.StripeWebhookSecret),
            StripeApiBase = setting(PaymentSettings.StripeApiBase) is { Length: > 0 } b ? new Uri(b, UriKind.Absolute) : null,
            SandboxWebhookSecret = setting(PaymentSettings.SandboxWebhookSecret) is { Length: > 0 } s ? s : "whsec_sandbox_local_only",
            SandboxWebhookQueue = setting(PaymentSettings.SandboxWebhookQueue) is { Length: > 0 } q ? q : "sandbox-webhooks",
        };
        options.Validate();
        return options;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting that is missing or wrong.</summary>
    public void Validate()
    {
        switch (Provider)
        {
            case Sandbox:
                return;
            case Stripe:
                if (string.IsNullOrWhiteSpace(StripeSecretKey))
                {
                    throw new ArgumentException($"{PaymentSettings.StripeSecretKey} is required when {PaymentSettings.Provider} is 'stripe'.");
                }

                if (string.IsNullOrWhiteSpace(StripeWebhookSecret))
                {
                    throw new ArgumentException($"{PaymentSettings.StripeWebhookSecret} is required when {PaymentSettings.Provider} is 'stripe'.");
                }

                return;
            default:
                throw new ArgumentException($"{PaymentSettings.Provider} must be 'sandbox' or 'stripe', not '{Provider}'.");
        }
    }
}
