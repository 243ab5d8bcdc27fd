namespace UnitPay.Functions.Configuration;

/// <summary>Every setting the app reads, by name. <c>local.settings.sample.json</c> lists them all.</summary>
public static class SettingNames
{
    /// <summary>Storage: a connection string, or absent with the identity-based <c>AzureWebJobsStorage__*</c> settings.</summary>
    public const string Storage = "AzureWebJobsStorage";

    public const string StorageAccountName = "AzureWebJobsStorage__accountName";
    public const string StorageTableServiceUri = "AzureWebJobsStorage__tableServiceUri";
    public const string StorageQueueServiceUri = "AzureWebJobsStorage__queueServiceUri";
    public const string StorageClientId = "AzureWebJobsStorage__clientId";

    /// <summary>
    /// How many storage accounts wallets are spread over (default 1: all in <see cref="Storage"/>). Fixed for a
    /// deployment's life: the app records it on first start and refuses another number later.
    /// </summary>
    public const string WalletAccounts = "UNITPAY_WALLET_ACCOUNTS";

    /// <summary>The prefix of the settings of wallet account 2, 3, ...: a connection string, or <c>__accountName</c> (identity-based).</summary>
    public const string WalletStoragePrefix = "UNITPAY_WALLET_STORAGE_";

    /// <summary>The setting of wallet account <paramref name="index"/> (2 and up; account 1 is <see cref="Storage"/>).</summary>
    public static string WalletStorage(int index) => WalletStoragePrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public const string UsageQueue = "UNITPAY_USAGE_QUEUE";
    public const string TablePrefix = "UNITPAY_TABLE_PREFIX";
    public const string ExpireGrantsSchedule = "UNITPAY_EXPIRE_GRANTS_SCHEDULE";
    public const string GrantCyclesSchedule = "UNITPAY_GRANT_CYCLES_SCHEDULE";
    public const string TopUpSweeperSchedule = "UNITPAY_TOPUP_SWEEPER_SCHEDULE";
    public const string BootstrapApiKey = "UNITPAY_BOOTSTRAP_API_KEY";

    /// <summary>API requests per second per API key (a burst of twice that passes); 0 turns the limit off.</summary>
    public const string RateLimit = "UNITPAY_RATE_LIMIT";

    /// <summary>Calls of <c>POST /v1/usage/track</c> per second per API key (each carries up to 1,000 events); 0 turns it off.</summary>
    public const string TrackRateLimit = "UNITPAY_TRACK_RATE_LIMIT";

    // Payments (read by core's PaymentOptions.Load; the names are core's PaymentSettings, repeated here as literals so
    // the template checks can read every setting a trigger binds to from this file).

    /// <summary><c>sandbox</c> (default) or <c>stripe</c>.</summary>
    public const string PaymentProvider = "UNITPAY_PAYMENT_PROVIDER";

    /// <summary>Stripe's secret key: an app setting or a Key Vault reference, never committed.</summary>
    public const string StripeSecretKey = "UNITPAY_STRIPE_SECRET_KEY";

    /// <summary>The signing secret (<c>whsec_…</c>) of the Stripe webhook endpoint <c>/v1/webhooks/payments</c>.</summary>
    public const string StripeWebhookSecret = "UNITPAY_STRIPE_WEBHOOK_SECRET";

    /// <summary>Stripe's API base address; tests only (a loopback server).</summary>
    public const string StripeApiBase = "UNITPAY_STRIPE_API_BASE";

    /// <summary>The sandbox's webhook signing secret (no real account's secret: the sandbox moves no money).</summary>
    public const string SandboxWebhookSecret = "UNITPAY_SANDBOX_WEBHOOK_SECRET";

    /// <summary>The queue the sandbox posts its webhooks to; <c>DeliverSandboxWebhookQueue</c> binds to it.</summary>
    public const string SandboxWebhookQueue = "UNITPAY_SANDBOX_WEBHOOK_QUEUE";

    /// <summary>The largest top-up, in minor units of the wallet's denomination.</summary>
    public const string TopUpMaxAmount = "UNITPAY_TOPUP_MAX_AMOUNT";

    // Outbound webhooks (read by core's WebhookOptions.FromSettings; the names repeated here, as for payments).

    /// <summary>The queue of webhook deliveries; <c>DeliverWebhookQueue</c> binds to it.</summary>
    public const string WebhookQueue = "UNITPAY_WEBHOOK_QUEUE";

    /// <summary>NCRONTAB schedule of <c>SweepWebhooksTimer</c> (replays outbox rows a dead instance left).</summary>
    public const string WebhookSweepSchedule = "UNITPAY_WEBHOOK_SWEEP_SCHEDULE";

    /// <summary>The wait after a delivery's first failed attempt (doubled per failure).</summary>
    public const string WebhookFirstRetry = "UNITPAY_WEBHOOK_FIRST_RETRY";

    /// <summary>The longest wait between two attempts.</summary>
    public const string WebhookMaxRetryDelay = "UNITPAY_WEBHOOK_MAX_RETRY_DELAY";

    /// <summary>How long after an event its delivery is retried.</summary>
    public const string WebhookRetryFor = "UNITPAY_WEBHOOK_RETRY_FOR";

    /// <summary>How long one attempt waits for the receiver.</summary>
    public const string WebhookTimeout = "UNITPAY_WEBHOOK_TIMEOUT";

    /// <summary>How old a wallet's outbox mark is before the sweeper replays it.</summary>
    public const string WebhookSweepGrace = "UNITPAY_WEBHOOK_SWEEP_GRACE";

    /// <summary>Base64 of 32 bytes: the key endpoint secrets are encrypted with at rest (an app setting or a Key Vault reference, never committed).</summary>
    public const string WebhookSecretKey = "UNITPAY_WEBHOOK_SECRET_KEY";

    /// <summary>Local runs only: the port of the HTTP API (default 7071, as Core Tools). Under the host, the host's port serves.</summary>
    /// <summary>The key that signs customer portal links (at least 32 characters); never an API key.</summary>
    public const string PortalSigningKey = "UNITPAY_PORTAL_SIGNING_KEY";

    public const string LocalPort = "UNITPAY_LOCAL_PORT";

    /// <summary>Local runs only: <c>false</c> turns the local trigger runner off (the API still serves).</summary>
    public const string LocalTriggers = "UNITPAY_LOCAL_TRIGGERS";
}
