using UnitPay.Core.AutoTopUp;
using UnitPay.Core.Catalog;
using UnitPay.Core.Customers;
using UnitPay.Core.Tests.TopUps;
using UnitPay.Core.TopUps;
using UnitPay.Core.Wallets;
using UnitPay.Testing;

namespace UnitPay.Core.Tests.AutoTopUp;

/// <summary>A usd wallet with a starting grant and an auto top-up rule, the usage a test spends from it, and its checks.</summary>
public sealed class AutoTopUpWallet
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly Dictionary<string, long> _spent = new(StringComparer.Ordinal);
    private int _events;

    private AutoTopUpWallet(MoneyWorld world, CreditCurrency currency, Customer customer)
    {
        World = world;
        Currency = currency;
        Customer = customer;
        WalletId = MoneyWorld.WalletOf(customer, currency);
    }

    public MoneyWorld World { get; }

    public CreditCurrency Currency { get; }

    public Customer Customer { get; }

    public string WalletId { get; }

    /// <summary>A customer of <paramref name="world"/> with <paramref name="paymentMethod"/>, 10,000 usd cents granted, and a rule: at or below 2,000 buy 5,000.</summary>
    public static async Task<AutoTopUpWallet> CreateAsync(
        MoneyWorld world, string paymentMethod, long? monthlyChargeLimit = null, string collectionMethod = Customer.ChargeAutomatically)
    {
        ArgumentNullException.ThrowIfNull(world);
        var usd = await world.CurrencyAsync("usd");
        var customer = await world.CustomerAsync(collectionMethod, collectionMethod == Customer.SendInvoice ? null : paymentMethod);
        var wallet = new AutoTopUpWallet(world, usd, customer);
        await wallet.GrantAsync(10_000);
        await MoneyWorld.Ok(world.RuleService.PutAsync(
            MoneyWorld.Org, customer.Id, usd.Id, new AutoTopUpRuleRequest { Mode = "amount", Threshold = 2_000, TopupAmount = 5_000, MonthlyChargeLimit = monthlyChargeLimit }, None));
        return wallet;
    }

    public async Task GrantAsync(long amount) =>
        await MoneyWorld.Ok(World.Accounts.GrantAsync(MoneyWorld.Org, new GrantRequest { CustomerId = Customer.Id, CreditCurrencyId = Currency.Id, Amount = amount }, None));

    /// <summary>Spends <paramref name="events"/> usage events of <paramref name="each"/> cents, in calls of <paramref name="perCall"/> made at once.</summary>
    public async Task SpendAsync(int events, long each, int perCall = 1_000)
    {
        var charges = Enumerable.Range(0, events)
            .Select(_ => new UsageCharge("evt_" + Interlocked.Increment(ref _events).ToString(System.Globalization.CultureInfo.InvariantCulture), "gen", each, World.Clock.GetUtcNow(), 1))
            .ToList();
        var results = await Task.WhenAll(charges.Chunk(perCall).Select(call => World.Engine.ApplyUsageAsync(WalletId, call, None)));
        Assert.All(results.SelectMany(r => r), r => Assert.Equal(EventOutcomeStatus.Applied, r.Outcome.Status));
        foreach (var charge in charges)
        {
            _spent[charge.EventId] = charge.Amount;
        }
    }

    public async Task<long> AvailableAsync() => (await World.Engine.ReadAsync(WalletId, None))!.Head.Available;

    /// <summary>This wallet's auto attempts (auto_topup and sweeper_replay), oldest first.</summary>
    public async Task<IReadOnlyList<TopUpAttempt>> AutoAttemptsAsync()
    {
        var page = await MoneyWorld.Ok(World.TopUps.ListAttemptsAsync(MoneyWorld.Org, new TopUpAttemptQuery(Customer.Id, Currency.Id, Limit: 100), None));
        return [.. page.Attempts.Where(a => a.TriggerSource != TriggerSource.Manual).Reverse()];
    }

    public async Task<AutoTopUpWalletState> StateAsync() =>
        await World.RuleService.WalletStateAsync((await World.Engine.ReadAsync(WalletId, None))!.Head, None);

    /// <summary>The sandbox's charges for this customer's top-ups (each a distinct idempotency key).</summary>
    public async Task<int> ChargesAsync() => (await World.Sandbox.ListChargesAsync(None)).Count;

    /// <summary>The ledger chains, each usage event is debited once at its cost, and the grants hold the balance.</summary>
    public async Task AssertAuditedAsync() =>
        Assert.Empty(WalletAudit.Violations(await WalletRecord.ReadAsync(World.Store, WalletId, None), _spent));
}
