namespace UnitPay.Core.Storage;

/// <summary>The tables the engine uses; each is prefixed with <see cref="StorageOptions.TablePrefix"/>.</summary>
public static class TableNames
{
    public const string Organizations = "Orgs";
    public const string ApiKeys = "ApiKeys";
    public const string Catalog = "Catalog";
    public const string Customers = "Customers";
    public const string Wallets = "Wallets";
    public const string CustomerWallets = "CustomerWallets";
    public const string Idempotency = "Idempotency";
    public const string ExpiryIndex = "ExpiryIndex";
    public const string TimerStatus = "TimerStatus";
    public const string UsageRejections = "UsageRejections";
    public const string Subscriptions = "Subscriptions";
    public const string SubscriptionSchedule = "SubscriptionSchedule";
    public const string InvoiceLines = "InvoiceLines";
    public const string CreditPackages = "CreditPackages";
    public const string TopUpAttempts = "TopUpAttempts";

    /// <summary>Auto top-up rules, one row per wallet, with the wallet's auto top-up slot.</summary>
    public const string AutoTopUpRules = "AutoTopUpRules";

    /// <summary>Top-up attempts the sweeper must look at (listed when created, removed once settled).</summary>
    public const string TopUpSweepIndex = "TopUpSweepIndex";

    /// <summary>The sandbox payment provider's own charges, setups and events (unused when the provider is Stripe).</summary>
    public const string SandboxPayments = "SandboxPayments";

    /// <summary>Outbound webhook endpoints, one partition per organization.</summary>
    public const string WebhookEndpoints = "WebhookEndpoints";

    /// <summary>Every webhook delivery attempt, one partition per endpoint, newest first.</summary>
    public const string WebhookDeliveries = "WebhookDeliveries";

    /// <summary>Wallets that may hold undispatched webhook outbox rows (marked before the commit, cleared by the sweeper).</summary>
    public const string WebhookOutboxIndex = "WebhookOutboxIndex";

    /// <summary>Auto top-up threshold crossings recorded before their commit and not yet handled (the sweeper replays them).</summary>
    public const string AutoTopUpCrossings = "AutoTopUpCrossings";

    /// <summary>Facts about this deployment's data layout, checked on every start (the number of wallet accounts).</summary>
    public const string Deployment = "Deployment";

    public static IReadOnlyList<string> All { get; } =
        [Organizations, ApiKeys, Catalog, Customers, Wallets, CustomerWallets, Idempotency, ExpiryIndex, TimerStatus, UsageRejections,
            Subscriptions, SubscriptionSchedule, InvoiceLines, CreditPackages, TopUpAttempts, AutoTopUpRules, TopUpSweepIndex, SandboxPayments,
            WebhookEndpoints, WebhookDeliveries, WebhookOutboxIndex, Deployment, AutoTopUpCrossings];
}
