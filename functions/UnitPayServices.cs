using UnitPay.Core.AutoTopUp;
using UnitPay.Core.Billing;
using UnitPay.Core.Catalog;
using UnitPay.Core.Customers;
using UnitPay.Core.Grants;
using UnitPay.Core.Idempotency;
using UnitPay.Core.Organizations;
using UnitPay.Core.Packages;
using UnitPay.Core.Payments;
using UnitPay.Core.Payments.Sandbox;
using UnitPay.Core.Plans;
using UnitPay.Core.Reservations;
using UnitPay.Core.Storage;
using UnitPay.Core.Subscriptions;
using UnitPay.Core.TopUps;
using UnitPay.Core.Usage;
using UnitPay.Core.Wallets;
using UnitPay.Core.Webhooks;
using UnitPay.Functions.Api;
using UnitPay.Functions.Configuration;
using UnitPay.Functions.Hosting;
using UnitPay.Functions.Webhooks;
using UnitPay.Functions.Worker;

namespace UnitPay.Functions;

/// <summary>The app's services, registered once for both hosts (the Functions host's worker and the local host).</summary>
public static class UnitPayServices
{
    public static IServiceCollection AddUnitPay(this IServiceCollection services, AppSettings settings, StorageOptions storage, HostJson hostJson)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(settings);
        services.AddSingleton(hostJson);
        services.AddSingleton(storage with { Base64MessageEncoding = hostJson.Base64Messages });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StorageAccount>();
        services.AddSingleton<OrganizationStore>();
        services.AddSingleton<CatalogStore>();
        services.AddSingleton<CustomerStore>();
        services.AddSingleton<CatalogReader>();
        services.AddSingleton<IdempotencyStore>();
        // Wallets over the app's own account and any further ones (UNITPAY_WALLET_ACCOUNTS), each wallet in the one its id hashes to.
        services.AddSingleton(sp => new WalletAccounts([sp.GetRequiredService<StorageAccount>(), .. settings.WalletStorage.Select(o => new StorageAccount(o))]));
        services.AddSingleton(sp => new WalletStore(sp.GetRequiredService<WalletAccounts>(), sp.GetRequiredService<TimeProvider>()));
        // One bound per process on the wallet transactions in flight, shared by everything that writes wallets.
        services.AddSingleton(sp => new AdaptiveConcurrencyLimit(new AdaptiveLimitOptions(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<WalletEngine>();
        services.AddSingleton<WalletDirectory>();
        services.AddSingleton<ExpirySweeper>();
        services.AddSingleton<CreditAccountService>();
        services.AddSingleton<UnitPay.Core.Analytics.UsageAnalytics>();
        services.AddSingleton(settings.Portal);
        services.AddSingleton<UnitPay.Core.Portal.PortalSessionService>();
        services.AddSingleton<UsageRejectionStore>();
        services.AddSingleton<UsageTracker>();
        services.AddSingleton<UsageProcessor>();
        services.AddSingleton<UsageLookup>();
        services.AddSingleton<CreditCheck>();
        services.AddSingleton<ReservationService>();
        services.AddSingleton<PlanStore>();
        services.AddSingleton<PlanService>();
        services.AddSingleton<InvoiceLineStore>();
        services.AddSingleton<SubscriptionStore>();

        // Money in: the payment provider the settings name (sandbox by default), customers' payment state, paid
        // subscription cycles, top-ups and packages, and the one webhook path both providers' confirmations take.
        services.AddSingleton(settings.Payments);
        services.AddSingleton(settings.TopUps);
        services.AddSingleton(sp => PaymentProviders.Create(
            sp.GetRequiredService<PaymentOptions>(), sp.GetRequiredService<StorageAccount>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<CustomerPaymentService>();
        services.AddSingleton<CyclePaymentStore>();
        services.AddSingleton<CyclePayments>();
        services.AddSingleton<SubscriptionCycles>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<CreditPackageStore>();
        services.AddSingleton<CreditPackageService>();
        services.AddSingleton<TopUpAttemptStore>();
        services.AddSingleton<TopUpService>();
        services.AddSingleton<PaymentWebhookService>();

        // Auto top-up: the engine tells AutoTopUpSignals of each commit that crosses a wallet's threshold; the
        // AutoTopUpLoop hands each crossing to the firer off the commit path; SweepTopUpsTimer replays what is stuck.
        services.AddSingleton<PendingCrossings>();
        services.AddSingleton(sp => new AutoTopUpSignals(sp.GetRequiredService<PendingCrossings>()));
        services.AddSingleton<IThresholdCrossingObserver>(sp => sp.GetRequiredService<AutoTopUpSignals>());
        services.AddSingleton<AutoTopUpRuleStore>();
        services.AddSingleton<AutoTopUpHistory>();
        services.AddSingleton<AutoTopUpRuleService>();
        services.AddSingleton<AutoTopUpFirer>();
        services.AddSingleton(settings.TopUpSweeper);
        services.AddSingleton<TopUpSweepIndex>();
        services.AddSingleton<TopUpSweeper>();
        services.AddHostedService<AutoTopUpLoop>();

        // Outbound webhooks: the engine writes each eventful commit's events to an outbox row in the commit and tells the
        // dispatcher, which WebhookDispatchLoop runs off the commit path; DeliverWebhookQueue sends, SweepWebhooksTimer replays.
        services.AddSingleton(settings.Webhooks);
        services.AddSingleton<WebhookSecretProtector>();
        services.AddSingleton<WebhookEndpointStore>();
        services.AddSingleton<WebhookEndpointService>();
        services.AddSingleton<WebhookDeliveryLog>();
        services.AddSingleton<WebhookDeliveryOutlet>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<IWebhookOutbox>(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<IWebhookSender, HttpWebhookSender>();
        services.AddSingleton<WebhookDeliverer>();
        services.AddSingleton<LowBalanceThresholdService>();
        services.AddHostedService<WebhookDispatchLoop>();

        // Only in sandbox mode is there a sandbox, and so a relay of its webhooks (DeliverSandboxWebhookQueue uses it).
        if (settings.Payments.Provider == PaymentOptions.Sandbox)
        {
            services.AddSingleton(sp => (SandboxPaymentProvider)sp.GetRequiredService<IPaymentProvider>());
            services.AddSingleton<SandboxWebhookRelay>();
        }

        // The HTTP edge, written once: authentication, Idempotency-Key, problem+json.
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<ApiRateLimits>();
        services.AddSingleton<IdempotentRequests>();
        services.AddSingleton<ApiPipeline>();
        return services;
    }

    /// <summary>
    /// Creates every table and queue the app uses (the wallet table in every wallet account too), and checks the
    /// number of wallet accounts against the one this deployment's data was written with (refusing to start otherwise).
    /// Safe to run on every start.
    /// </summary>
    public static async Task EnsureStorageAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await services.GetRequiredService<StorageAccount>().EnsureCreatedAsync(cancellationToken);
        var wallets = services.GetRequiredService<WalletAccounts>();
        await wallets.EnsureCreatedAsync(cancellationToken);
        await wallets.CheckLayoutAsync(cancellationToken);
    }

    /// <summary>
    /// Makes the bootstrap key open an organization (idempotently). In a local run with no key configured, a fresh
    /// one is made so the API is usable at once; it is printed, and stored only hashed.
    /// </summary>
    public static async Task<string?> BootstrapAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = services.GetRequiredService<AppSettings>();
        var key = settings.BootstrapApiKey;
        if (key is null && !settings.HostedByFunctions)
        {
            key = ApiKeys.Generate();
        }

        if (key is not null)
        {
            await services.GetRequiredService<OrganizationStore>().EnsureBootstrapAsync(key, "Local organization", cancellationToken);
        }

        return key;
    }
}
