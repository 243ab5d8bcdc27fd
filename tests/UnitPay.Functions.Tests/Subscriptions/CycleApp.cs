using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using UnitPay.Core.Billing;
using UnitPay.Core.Catalog;
using UnitPay.Core.Customers;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Organizations;
using UnitPay.Core.Plans;
using UnitPay.Core.Storage;
using UnitPay.Core.Subscriptions;
using UnitPay.Core.Wallets;
using UnitPay.Functions.Tests.Api;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Subscriptions;

/// <summary>
/// The app on a clock the test moves, with the timers left to the test: it invokes GrantCyclesTimer (and
/// ExpireGrantsTimer) itself, as the Functions host would, at the moments it chooses. The queue worker still runs.
/// </summary>
internal sealed class CycleApp : IAsyncDisposable
{
    /// <summary>Jan 15 2026, 10:00 UTC: subscriptions made at the start renew on the 15th at 10:00.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

    private CycleApp(TestApp app, ManualClock clock)
    {
        App = app;
        Clock = clock;
    }

    public TestApp App { get; }

    public ManualClock Clock { get; }

    public HttpClient Client => App.Client;

    public static DateTimeOffset Month(int k) => Start.AddMonths(k);

    public static async Task<CycleApp> StartAsync()
    {
        var clock = new ManualClock(Start);
        var app = await TestApp.StartAsync(services => services.AddSingleton<TimeProvider>(clock), QuietTimers.Settings());
        return new CycleApp(app, clock);
    }

    public async Task<string> OrgIdAsync() =>
        await App.Service<OrganizationStore>().FindOrgIdByKeyAsync(App.ApiKey, CancellationToken.None) ?? throw new InvalidOperationException("No organization for the key.");

    public async Task<string> CreatePlanAsync(object plan)
    {
        var (status, body) = await Client.PostAsync("/v1/plans", plan);
        Scenario.Ensure(status, 201, body);
        return body.Str("id");
    }

    /// <summary>A free monthly plan with one per-cycle rule, and the rollover policy given (null for none).</summary>
    public static object PerCyclePlan(string currencyId, int amount = 100, object? rollover = null) => new
    {
        name = "Monthly " + amount,
        price = new { amount = 0, interval = "month" },
        creditGrantRules = new[] { new { creditCurrencyId = currencyId, amount, cadence = "per_cycle", rollover } },
    };

    public async Task<JsonNode> SubscribeAsync(string customerId, string planId)
    {
        var (status, body) = await Client.PostAsync("/v1/subscriptions", new { customerId, planId });
        Scenario.Ensure(status, 201, body);
        return body!;
    }

    /// <summary>Runs the GrantCyclesTimer function as the local host does; returns its summary.</summary>
    public async Task<CycleRunSummary> RunGrantCyclesAsync() =>
        (CycleRunSummary)(await App.RunTimerAsync("GrantCyclesTimer"))!;

    public async Task<CycleRunSummary> MoveToAndRunAsync(DateTimeOffset at)
    {
        Clock.MoveTo(at);
        return await RunGrantCyclesAsync();
    }

    public Task RunExpireGrantsAsync() => App.RunTimerAsync("ExpireGrantsTimer");

    /// <summary>Tracks usage and waits for the queue worker's verdict; returns the event's status.</summary>
    public async Task<JsonNode> TrackAsync(Scenario scenario, decimal quantity, bool expectApplied = true)
    {
        var (status, body) = await Client.PostAsync("/v1/usage/track", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, quantity });
        Scenario.Ensure(status, 202, body);
        return (await QuickstartTests.WaitAppliedAsync(App, scenario, body!["eventIds"]![0]!.GetValue<string>(), expectApplied))!;
    }

    public async Task<JsonNode> AccountAsync(Scenario scenario, string? currencyId = null)
    {
        var (status, body) = await Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId);
        Scenario.Ensure(status, 200, body);
        return body!["accounts"]!.AsArray().Single(a => a.Str("creditCurrencyId") == (currencyId ?? scenario.CurrencyId))!;
    }

    public Task<IReadOnlyList<Grant>> GrantsAsync(string walletId) => App.Service<WalletStore>().ReadAllGrantsAsync(walletId, CancellationToken.None);

    public Task<IReadOnlyList<LedgerEntry>> LedgerAsync(string walletId) => App.Service<WalletStore>().ReadWholeLedgerAsync(walletId, CancellationToken.None);

    /// <summary>A second, independent instance of the grant timer over the same storage (its own wallet engine and caches), as another Functions instance would be.</summary>
    public SubscriptionCycles SecondInstance()
    {
        var storage = new StorageAccount(App.Service<StorageOptions>());
        var engine = new WalletEngine(new WalletStore(storage, Clock), Clock, NullLogger<WalletEngine>.Instance);
        return new SubscriptionCycles(
            new SubscriptionStore(storage),
            new PlanStore(storage),
            new WalletDirectory(storage, engine, Clock),
            engine,
            new ExpirySweeper(storage, engine, Clock, NullLogger<ExpirySweeper>.Instance),
            new InvoiceLineStore(storage),
            new CatalogReader(new CatalogStore(storage), new CustomerStore(storage), Clock),
            Clock,
            NullLogger<SubscriptionCycles>.Instance);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    /// <summary>
    /// Names grants by what they are, so tables can be written by hand and compared across apps: a rule's grant is
    /// <c>{rule}@{cycle or day}</c> (see <paramref name="name"/>), a rollover grant <c>R(parent)</c>.
    /// </summary>
    public static Dictionary<string, string> Labels(IEnumerable<Grant> grants, Func<Grant, string> name)
    {
        var byId = grants.ToDictionary(g => g.Id, StringComparer.Ordinal);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        string Label(Grant g) => labels.TryGetValue(g.Id, out var known) ? known
            : labels[g.Id] = g.ParentGrantId is { } parent ? $"R({Label(byId[parent])})" : name(g);
        foreach (var grant in byId.Values)
        {
            Label(grant);
        }

        return labels;
    }

    /// <summary>P1, P2, ...: the plan grant of the first, second, ... monthly cycle from <see cref="Start"/>.</summary>
    public static string CycleName(Grant grant) => "P" + (BillingPeriods.CycleIndex(Start, BillingInterval.Month, grant.EffectiveAt) + 1);

    /// <summary>Ledger rows as (type, reason, amount, before, after, grants drawn or credited).</summary>
    public static (string, string, long, long, long, string) Row(LedgerEntry e, IReadOnlyDictionary<string, string> labels) => (
        LedgerNames.ToWire(e.Type),
        LedgerNames.ToWire(e.Reason),
        e.Amount,
        e.BalanceBefore,
        e.BalanceAfter,
        string.Join("+", e.Breakdown.Select(d => labels[d.GrantId])));

    /// <summary>The ledger adds up: gapless sequence, each entry starts where the last ended, the head equals the last entry and the open grants.</summary>
    public async Task AssertLedgerAddsUpAsync(string walletId)
    {
        var ledger = await LedgerAsync(walletId);
        var snapshot = await App.Service<WalletEngine>().ReadAsync(walletId, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, ledger.Count).Select(i => (long)i), ledger.Select(e => e.Sequence));
        Assert.All(ledger.Zip(ledger.Skip(1)), pair => Assert.Equal(pair.First.BalanceAfter, pair.Second.BalanceBefore));
        Assert.Equal(ledger[^1].BalanceAfter, snapshot!.Head.Balance);
        Assert.Equal(snapshot.Head.Balance, snapshot.OpenGrants.Values.Sum(g => g.Grant.Remaining) - snapshot.Head.Deficit);
    }
}
