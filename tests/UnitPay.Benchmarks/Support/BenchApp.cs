using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using UnitPay.Core.Organizations;
using UnitPay.Core.Storage;
using UnitPay.Core.Wallets;
using UnitPay.Functions.Configuration;
using UnitPay.Functions.Local;
using UnitPay.Testing;

namespace UnitPay.Benchmarks.Support;

/// <summary>
/// The real app, in-process over real HTTP against the benchmark's Azurite (<see cref="TestApp"/>), in fresh tables:
/// Azurite answers every table query by scanning the whole table, so each phase starts with its own. The local
/// trigger runner is off until a phase starts it, so a phase can fill the queue first and time the drain.
/// </summary>
internal sealed class BenchApp : IAsyncDisposable
{
    private static readonly List<AzuriteProcess> ExtraAzurites = [];
    private static readonly SemaphoreSlim ExtraGate = new(1, 1);

    private BenchApp(TestApp app, string orgId, IReadOnlyList<AzuriteProcess> walletAzurites)
    {
        App = app;
        OrgId = orgId;
        WalletAzurites = walletAzurites;
    }

    /// <summary>The Azurites of the wallet accounts beyond the app's own (none with one account).</summary>
    public IReadOnlyList<AzuriteProcess> WalletAzurites { get; }

    public TestApp App { get; }

    public HttpClient Client => App.Client;

    public string OrgId { get; }

    public WalletEngine Engine => App.Service<WalletEngine>();

    public WalletStore Store => App.Service<WalletStore>();

    public StorageAccount Storage => App.Service<StorageAccount>();

    /// <summary>
    /// Starts the app. With <paramref name="walletAccounts"/> above 1, wallets are spread over that many storage
    /// accounts (UNITPAY_WALLET_ACCOUNTS): the benchmark's Azurite and one more Azurite process per further account,
    /// started once and shared by the phases, as <see cref="SharedAzurite"/> is.
    /// </summary>
    public static async Task<BenchApp> StartAsync(int walletAccounts = 1)
    {
        var extra = await WalletAzuritesAsync(walletAccounts - 1);
        var settings = new Dictionary<string, string?>
        {
            [SettingNames.LocalTriggers] = "false",
            // Once a year: the expiry timer has nothing to do here and must not fire in the middle of a measurement.
            [SettingNames.ExpireGrantsSchedule] = "0 0 0 1 1 *",
            [SettingNames.WalletAccounts] = walletAccounts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < extra.Count; i++)
        {
            settings[SettingNames.WalletStorage(i + 2)] = extra[i].ConnectionString;
        }

        var app = await TestApp.StartAsync(
            services =>
            {
                // The table goes to stdout; the app's own log lines (warnings and worse only) go to stderr.
                services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Warning);
                services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            },
            settings);
        var orgId = await app.Service<OrganizationStore>().FindOrgIdByKeyAsync(app.ApiKey, CancellationToken.None)
            ?? throw new InvalidOperationException("The bootstrap key opens no organization.");
        return new BenchApp(app, orgId, extra);
    }

    /// <summary>Every wallet row of the phase, from every wallet account.</summary>
    public async Task<IReadOnlyDictionary<string, WalletRecord>> ReadAllWalletsAsync()
    {
        var all = new Dictionary<string, WalletRecord>(StringComparer.Ordinal);
        foreach (var table in Store.Accounts.Tables)
        {
            foreach (var (id, record) in await WalletRecord.ReadTableAsync(table, CancellationToken.None))
            {
                all.Add(id, record);
            }
        }

        return all;
    }

    private static async Task<IReadOnlyList<AzuriteProcess>> WalletAzuritesAsync(int count)
    {
        await ExtraGate.WaitAsync();
        try
        {
            while (ExtraAzurites.Count < count)
            {
                var started = await AzuriteProcess.StartAsync(preferDefaultPorts: false, TimeSpan.FromSeconds(90), CancellationToken.None);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => started.DisposeAsync().AsTask().GetAwaiter().GetResult();
                ExtraAzurites.Add(started);
            }

            return ExtraAzurites.Take(count).ToList();
        }
        finally
        {
            ExtraGate.Release();
        }
    }

    /// <summary>Starts the local host's trigger runner, the same one a local run starts: it drains the usage queue by calling the DeductUsageQueue function in-process.</summary>
    public async Task<RunningTriggers> StartTriggersAsync()
    {
        var runner = ActivatorUtilities.CreateInstance<LocalTriggerRunner>(App.App.Services);
        await runner.StartAsync(CancellationToken.None);
        await runner.Started;
        return new RunningTriggers(runner);
    }

    /// <summary>The wallet's head by a point read (cheap on Azurite, unlike a query, so polling it barely disturbs the run).</summary>
    public async Task<WalletHead> HeadAsync(string walletId)
    {
        var row = await Store.Accounts.TableOf(walletId).GetEntityAsync<TableEntity>(walletId, WalletRows.HeadKey(walletId));
        return WalletRows.ToHead(row.Value);
    }

    public (long Transactions, long Entities) Counters() => (Engine.TransactionsCommitted, Engine.EntitiesWritten);

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
