using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using UnitPay.Core.Faults;
using UnitPay.Core.Storage;
using UnitPay.Testing;
using Xunit.Abstractions;

namespace UnitPay.Functions.Tests.Faults;

/// <summary>
/// A timer run that crashes half-way, then runs again until one run completes, ends where one clean run ends: the same
/// world is built twice (on a clock the test moves), one copy's ExpireGrantsTimer and GrantCyclesTimer crash between
/// wallets and before commits, and every wallet of both copies is compared (ledger, grants, balance) and audited.
/// </summary>
public sealed class TimerCrashTests(ITestOutputHelper output)
{
    private const int Customers = 6;
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Timers_that_crash_half_way_and_run_again_end_in_the_state_of_one_clean_run()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("UNITPAY_TIMER_CRASH_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 16;
        output.WriteLine($"seed {seed} (replay: UNITPAY_TIMER_CRASH_SEED={seed})");
        var chaos = new ChaosFaults(seed, new Dictionary<FaultPoint, double>
        {
            [FaultPoint.ExpirySweepMidRun] = 0.5,
            [FaultPoint.GrantCyclesMidRun] = 0.5,
            [FaultPoint.BeforeWalletCommit] = 0.15,
        });

        await using var crashing = await TimerWorld.CreateAsync(chaos);
        await using var clean = await TimerWorld.CreateAsync(null);
        var runs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var world in new[] { crashing, clean })
        {
            world.Clock.MoveTo(Start.AddHours(3)); // the expiring grants are due
            runs["ExpireGrantsTimer#1"] = await world.RunUntilCleanAsync("ExpireGrantsTimer", chaos);
            world.Clock.MoveTo(Start.AddMonths(1).AddMinutes(1)); // the renewal is due
            runs["GrantCyclesTimer"] = await world.RunUntilCleanAsync("GrantCyclesTimer", chaos);
            world.Clock.MoveTo(Start.AddMonths(2).AddMinutes(1)); // the first cycle's grants have expired, the second renewal is due
            runs["ExpireGrantsTimer#2"] = await world.RunUntilCleanAsync("ExpireGrantsTimer", chaos);
            runs["GrantCyclesTimer#2"] = await world.RunUntilCleanAsync("GrantCyclesTimer", chaos);
            if (world == crashing)
            {
                output.WriteLine("runs until clean, crashing copy: " + string.Join(", ", runs.Select(r => $"{r.Key} {r.Value}")));
            }
        }

        output.WriteLine(chaos.Summary());
        var crashed = await crashing.StateAsync();
        var expected = await clean.StateAsync();
        Assert.Empty(crashing.Violations);
        Assert.Empty(clean.Violations);
        Assert.True(chaos.CrashesAt(FaultPoint.ExpirySweepMidRun) > 0, "the expiry sweep never crashed half-way");
        Assert.True(chaos.CrashesAt(FaultPoint.GrantCyclesMidRun) > 0, "the grant cycles never crashed half-way");
        Assert.Equal(expected, crashed);
    }

    /// <summary>One copy of the world: an app on a manual clock, customers with expiring grants, subscriptions to a two-currency plan, applied usage.</summary>
    private sealed class TimerWorld : IAsyncDisposable
    {
        private readonly TestApp _app;
        private readonly List<string> _customers;
        private readonly List<string> _currencies;
        private readonly ChaosFaults? _chaos;

        private TimerWorld(TestApp app, ManualClock clock, List<string> customers, List<string> currencies, ChaosFaults? chaos)
        {
            _app = app;
            Clock = clock;
            _customers = customers;
            _currencies = currencies;
            _chaos = chaos;
        }

        public ManualClock Clock { get; }

        public List<string> Violations { get; } = [];

        public static async Task<TimerWorld> CreateAsync(ChaosFaults? chaos)
        {
            var clock = new ManualClock(Start);
            var app = await TestApp.StartAsync(
                services =>
                {
                    services.AddSingleton<TimeProvider>(clock);
                    if (chaos is not null)
                    {
                        services.AddSingleton<IFaultInjector>(chaos);
                    }
                },
                QuietTimers.Settings());
            var client = app.Client;
            var currencies = new List<string>();
            foreach (var name in new[] { "Tokens", "Images" })
            {
                var (cs, currency) = await client.PostAsync("/v1/credit-currencies", new { name, denomination = "unit" });
                Scenario.Ensure(cs, 201, currency);
                currencies.Add(currency.Str("id"));
            }

            var (fs, feature) = await client.PostAsync("/v1/features", new
            {
                slug = "gen",
                name = "Generation",
                creditCosts = new[] { new { creditCurrencyId = currencies[0], costPerUnit = 2 }, new { creditCurrencyId = currencies[1], costPerUnit = 1 } },
            });
            Scenario.Ensure(fs, 201, feature);
            var (ps, plan) = await client.PostAsync("/v1/plans", new
            {
                name = "Two currencies",
                price = new { amount = 0, interval = "month" },
                creditGrantRules = new object[]
                {
                    new { creditCurrencyId = currencies[0], amount = 100, cadence = "per_cycle", rollover = new { percentage = 50, maxCount = 1 } },
                    new { creditCurrencyId = currencies[1], amount = 40, cadence = "per_cycle" },
                },
            });
            Scenario.Ensure(ps, 201, plan);

            var customers = new List<string>();
            for (var i = 0; i < Customers; i++)
            {
                var (us, customer) = await client.PostAsync("/v1/customers", new { name = "Timer " + i, externalId = "timer-" + i });
                Scenario.Ensure(us, 201, customer);
                var customerId = customer.Str("id");
                customers.Add(customerId);
                var (ss, subscription) = await client.PostAsync("/v1/subscriptions", new { customerId, planId = plan.Str("id") });
                Scenario.Ensure(ss, 201, subscription);
                foreach (var currency in currencies)
                {
                    var (gs, grant) = await client.PostAsync("/v1/credit-grants", new { customerId, creditCurrencyId = currency, amount = 50 + i, priority = 1, expiresAt = Start.AddHours(2) });
                    Scenario.Ensure(gs, 201, grant);
                }

                var (ks, kept) = await client.PostAsync("/v1/credit-grants", new { customerId, creditCurrencyId = currencies[0], amount = 30 });
                Scenario.Ensure(ks, 201, kept);
                for (var k = 0; k <= i % 3; k++)
                {
                    var (ts, tracked) = await client.PostAsync("/v1/usage/track", new { customerId, featureSlug = "gen", quantity = 5 + k, idempotencyKey = $"timer-{i}-{k}" });
                    Scenario.Ensure(ts, 202, tracked);
                    var eventId = tracked!["eventIds"]![0]!.GetValue<string>();

                    // One at a time, so both copies' ledgers hold the debits in the same order.
                    await Poll.UntilAsync(
                        async () => (await client.GetJsonAsync($"/v1/usage/events/{eventId}?customerId={customerId}")).Body.Str("status"),
                        status => status != "pending",
                        TimeSpan.FromSeconds(60),
                        $"event {eventId} to be applied");
                }
            }

            return new TimerWorld(app, clock, customers, currencies, chaos);
        }

        /// <summary>Runs a timer function until one run completes without a crash; returns how many runs that took.</summary>
        public async Task<int> RunUntilCleanAsync(string function, ChaosFaults? chaos)
        {
            for (var run = 1; run <= 100; run++)
            {
                if (_chaos is not null)
                {
                    _chaos.Enabled = true;
                }

                try
                {
                    await _app.RunTimerAsync(function);
                    return run;
                }
                catch (InjectedCrashException)
                {
                    // The run died half-way; the next one picks up what is left.
                }
                finally
                {
                    if (_chaos is not null)
                    {
                        _chaos.Enabled = false;
                    }
                }
            }

            throw new InvalidOperationException($"{function} crashed 100 times in a row (seed {chaos?.Seed}).");
        }

        /// <summary>Every wallet, as (customer index, currency index) with what can be compared across copies; audits each on the way.</summary>
        public async Task<string> StateAsync()
        {
            var records = await WalletRecord.ReadTableAsync(_app.Service<StorageAccount>().Table(TableNames.Wallets), CancellationToken.None);
            var blocks = new List<string>();
            foreach (var record in records.Values)
            {
                var c = _customers.IndexOf(record.Head.CustomerId);
                var k = _currencies.IndexOf(record.Head.CurrencyId);
                var debits = record.Ledger.Where(e => e.EventId is not null && e.Type == Core.Ledger.LedgerEntryType.Debit)
                    .ToDictionary(e => e.EventId!, e => e.Amount, StringComparer.Ordinal);
                Violations.AddRange(WalletAudit.Violations(record, debits));
                if (record.Grants.GroupBy(g => g.Id, StringComparer.Ordinal).Any(g => g.Count() > 1))
                {
                    Violations.Add($"{record.Head.WalletId}: a grant id appears twice");
                }

                var lines = new List<string> { $"customer {c} currency {k}: balance {record.Head.Balance} deficit {record.Head.Deficit} entries {record.Ledger.Count}" };
                lines.AddRange(record.Ledger.Select(e => $"  {e.Sequence} {e.Type} {e.Reason} {e.Amount} -> {e.BalanceAfter} {e.FeatureSlug}"));
                lines.AddRange(record.Grants
                    .Select(g => $"  grant {g.Source} {g.Amount} left {g.Remaining} {g.Status} prio {g.Priority} expires {g.ExpiresAt:O} rollover {g.RolloverCount}")
                    .Order(StringComparer.Ordinal));
                blocks.Add(string.Join('\n', lines));
            }

            blocks.Sort(StringComparer.Ordinal);
            return string.Join('\n', blocks);
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
