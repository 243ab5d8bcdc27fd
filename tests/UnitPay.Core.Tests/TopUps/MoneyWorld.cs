using Microsoft.Extensions.Logging.Abstractions;
using UnitPay.Core.AutoTopUp;
using UnitPay.Core.Billing;
using UnitPay.Core.Catalog;
using UnitPay.Core.Customers;
using UnitPay.Core.Faults;
using UnitPay.Core.Grants;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Money;
using UnitPay.Core.Packages;
using UnitPay.Core.Payments;
using UnitPay.Core.Payments.Sandbox;
using UnitPay.Core.Plans;
using UnitPay.Core.Storage;
using UnitPay.Core.Subscriptions;
using UnitPay.Core.TopUps;
using UnitPay.Core.Wallets;
using UnitPay.Testing;

namespace UnitPay.Core.Tests.TopUps;

/// <summary>
/// The money-in services wired as the host will wire them, over the shared Azurite in a fresh namespace, with the sandbox
/// provider (optionally wrapped, to inject a fault) and a clock the test moves.
/// </summary>
public sealed class MoneyWorld
{
    public const string Org = "org_money";

    private MoneyWorld(StorageAccount storage, ManualClock clock, PaymentOptions payOptions, Func<IPaymentProvider, IPaymentProvider>? wrap, IFaultInjector? faults, TopUpSweeperOptions? sweeperOptions)
    {
        Storage = storage;
        Clock = clock;
        Sandbox = new SandboxPaymentProvider(storage, payOptions, clock, NullLogger<SandboxPaymentProvider>.Instance);
        Provider = wrap?.Invoke(Sandbox) ?? Sandbox;
        Store = new WalletStore(storage, clock);
        Pending = new PendingCrossings(storage, clock);
        Signals = new AutoTopUpSignals(Pending);
        Engine = new WalletEngine(Store, clock, NullLogger<WalletEngine>.Instance, faults: faults, crossings: Signals);
        Catalog = new CatalogStore(storage);
        Customers = new CustomerStore(storage);
        var reader = new CatalogReader(Catalog, Customers, clock);
        Directory = new WalletDirectory(storage, Engine, clock);
        var expiries = new ExpirySweeper(storage, Engine, clock, NullLogger<ExpirySweeper>.Instance);
        Accounts = new CreditAccountService(Engine, Directory, Store, reader, expiries, clock);
        Invoices = new InvoiceLineStore(storage);
        PackageStore = new CreditPackageStore(storage);
        Packages = new CreditPackageService(PackageStore, reader, clock);
        CustomerPayments = new CustomerPaymentService(Customers, Provider, clock, NullLogger<CustomerPaymentService>.Instance);
        TopUps = new TopUpService(
            Customers, reader, PackageStore, new TopUpAttemptStore(storage), Directory, Engine, expiries, Invoices, Provider, CustomerPayments,
            new TopUpOptions(), clock, NullLogger<TopUpService>.Instance, faults);
        SweeperOptions = sweeperOptions ?? new TopUpSweeperOptions();
        Attempts = new TopUpAttemptStore(storage);
        Rules = new AutoTopUpRuleStore(storage);
        History = new AutoTopUpHistory(Attempts);
        RuleService = new AutoTopUpRuleService(Rules, reader, Customers, PackageStore, Directory, Engine, History, new TopUpOptions(), clock);
        Firer = new AutoTopUpFirer(
            Signals, Rules, RuleService, History, Attempts, TopUps, Customers, reader, PackageStore, Engine, SweeperOptions, clock, NullLogger<AutoTopUpFirer>.Instance);
        Plans = new PlanStore(storage);
        PlanService = new PlanService(Plans, reader, clock);
        var subscriptions = new SubscriptionStore(storage);
        CyclePayments = new CyclePayments(new CyclePaymentStore(storage), Customers, CustomerPayments, Provider, clock, NullLogger<CyclePayments>.Instance);
        Cycles = new SubscriptionCycles(subscriptions, Plans, Directory, Engine, expiries, Invoices, reader, clock, NullLogger<SubscriptionCycles>.Instance, CyclePayments);
        Subscriptions = new SubscriptionService(subscriptions, Plans, reader, Cycles, clock, NullLogger<SubscriptionService>.Instance, CyclePayments);
        Webhooks = new PaymentWebhookService(Provider, TopUps, CustomerPayments, NullLogger<PaymentWebhookService>.Instance, CyclePayments, Cycles);
        Relay = new SandboxWebhookRelay(storage, payOptions, Sandbox, Webhooks, NullLogger<SandboxWebhookRelay>.Instance);
    }

    public StorageAccount Storage { get; }

    public AutoTopUpSignals Signals { get; }

    public PendingCrossings Pending { get; }

    public TopUpSweeperOptions SweeperOptions { get; }

    public TopUpAttemptStore Attempts { get; }

    public AutoTopUpRuleStore Rules { get; }

    public AutoTopUpHistory History { get; }

    public AutoTopUpRuleService RuleService { get; }

    public AutoTopUpFirer Firer { get; }

    /// <summary>A sweeper over this world's storage (each call a new one, as another instance would be).</summary>
    public TopUpSweeper NewSweeper() =>
        new(new TopUpSweepIndex(Storage), Attempts, TopUps, Firer, Rules, History, SweeperOptions, Clock, NullLogger<TopUpSweeper>.Instance);

    public ManualClock Clock { get; }

    public SandboxPaymentProvider Sandbox { get; }

    public IPaymentProvider Provider { get; }

    public WalletStore Store { get; }

    public WalletEngine Engine { get; }

    public CatalogStore Catalog { get; }

    public CustomerStore Customers { get; }

    public WalletDirectory Directory { get; }

    public CreditAccountService Accounts { get; }

    public InvoiceLineStore Invoices { get; }

    public CreditPackageStore PackageStore { get; }

    public CreditPackageService Packages { get; }

    public CustomerPaymentService CustomerPayments { get; }

    public TopUpService TopUps { get; }

    public PlanStore Plans { get; }

    public PlanService PlanService { get; }

    public CyclePayments CyclePayments { get; }

    public SubscriptionCycles Cycles { get; }

    public SubscriptionService Subscriptions { get; }

    public PaymentWebhookService Webhooks { get; }

    public SandboxWebhookRelay Relay { get; }

    public static async Task<MoneyWorld> StartAsync(Func<IPaymentProvider, IPaymentProvider>? wrap = null, DateTimeOffset? start = null, IFaultInjector? faults = null, TopUpSweeperOptions? sweeper = null)
    {
        var ns = StorageNamespace.Fresh();
        var storage = new StorageAccount(new StorageOptions
        {
            ConnectionString = await SharedAzurite.ConnectionStringAsync(),
            TablePrefix = ns.TablePrefix,
            UsageQueueName = ns.UsageQueue,
        });
        await storage.EnsureCreatedAsync(CancellationToken.None);
        var clock = new ManualClock(start ?? new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        return new MoneyWorld(storage, clock, new PaymentOptions { SandboxWebhookQueue = "sbx" + ns.UsageQueue }, wrap, faults, sweeper);
    }

    public async Task<CreditCurrency> CurrencyAsync(string denomination = "usd", Price? topUpPrice = null, int scale = -1)
    {
        Assert.True(Denomination.TryParse(denomination, out var d));
        var currency = new CreditCurrency
        {
            Id = Ids.New("ccur", Clock),
            Name = "Credits " + Guid.NewGuid().ToString("N")[..6],
            Slug = "c" + Guid.NewGuid().ToString("N")[..10],
            Denomination = d.Code,
            MinorUnitScale = scale >= 0 ? scale : d.IsoExponent ?? 0,
            TopUpPrice = topUpPrice,
            CreatedAt = Clock.GetUtcNow(),
        };
        Assert.True(await Catalog.TryCreateCurrencyAsync(Org, currency, CancellationToken.None));
        return currency;
    }

    public async Task<Customer> CustomerAsync(string collectionMethod = Customer.ChargeAutomatically, string? paymentMethod = SandboxPaymentMethods.Success)
    {
        var customer = new Customer { Id = Ids.New("cus", Clock), Name = "Ada", CollectionMethod = collectionMethod, CreatedAt = Clock.GetUtcNow() };
        Assert.True(await Customers.TryCreateAsync(Org, customer, CancellationToken.None));
        if (paymentMethod is not null)
        {
            Assert.True((await CustomerPayments.SetDefaultPaymentMethodAsync(Org, customer.Id, paymentMethod, CancellationToken.None)).IsSuccess);
        }

        return (await Customers.FindAsync(Org, customer.Id, CancellationToken.None))!;
    }

    public static async Task<T> Ok<T>(Task<Results.Outcome<T>> call)
    {
        var outcome = await call;
        Assert.True(outcome.IsSuccess, outcome.Failure?.Code + ": " + outcome.Failure?.Message);
        return outcome.Value!;
    }

    public static async Task<Results.Failure> Refused<T>(Task<Results.Outcome<T>> call, string code)
    {
        var outcome = await call;
        Assert.False(outcome.IsSuccess, "expected " + code);
        Assert.Equal(code, outcome.Failure!.Code);
        return outcome.Failure;
    }

    public static string WalletOf(Customer customer, CreditCurrency currency) => WalletDirectory.WalletIdFor(Org, customer.Id, currency.Id);

    /// <summary>The wallet's balance as a reader sees it now (expired grants gone), 0 when it does not exist.</summary>
    public async Task<long> BalanceAsync(Customer customer, CreditCurrency currency) =>
        await Store.LoadAsync(WalletOf(customer, currency), CancellationToken.None) is { } wallet ? WalletView.At(wallet, Clock.GetUtcNow()).Balance : 0;

    public Task<WalletRecord> RecordAsync(Customer customer, CreditCurrency currency) =>
        WalletRecord.ReadAsync(Store, WalletOf(customer, currency), CancellationToken.None);

    /// <summary>Delivers every webhook the sandbox has posted, until its queue is empty.</summary>
    public Task<int> DeliverWebhooksAsync() => Relay.DeliverPendingAsync(CancellationToken.None);

    /// <summary>The audit of a wallet that has seen no usage: the ledger chains, grants hold the balance.</summary>
    public async Task AssertAuditedAsync(Customer customer, CreditCurrency currency) =>
        Assert.Empty(WalletAudit.Violations(await RecordAsync(customer, currency), new Dictionary<string, long>()));
}
