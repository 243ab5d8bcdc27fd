using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using UnitPay.Benchmarks;
using UnitPay.Benchmarks.Phases;
using UnitPay.Benchmarks.Report;
using UnitPay.Benchmarks.Support;
using UnitPay.Testing;

// The engine's benchmarks: every figure measured side by side in one run against one Azurite this program starts,
// the invariants audited after every phase (a violation exits 1), the table on stdout, progress on stderr.
var options = BenchmarkOptions.Parse(args);
if (options is null)
{
    return 2;
}

var startedAt = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
var machine = await MachineInfo.DescribeAsync();
Progress.Say($"UnitPay benchmarks ({options.Mode}) on {machine}");
Progress.Say("starting Azurite");
var connectionString = await SharedAzurite.ConnectionStringAsync();
var audits = new List<AuditOutcome>();

if (options.AggregateOnly)
{
    var (m, mAudit) = await ManyWallets.RunAsync(options.Wallets, options.EventsPerWallet, options.ManyPacedFor, options.DrainTimeout, options.WalletAccounts);
    var (w, wAudit) = await ManyWallets.RunAsync(options.WideWallets, options.WideEventsPerWallet, null, options.DrainTimeout, options.WalletAccounts);
    foreach (var run in new[] { m, w })
    {
        var tx = run.Drain.Profile.Of(PhaseProfile.TableWrites);
        Progress.Say($"{run.Wallets:N0} wallets: {run.Drain.EventsPerSecond:N0} events/s, {run.Drain.EventsPerTransaction:0.0} events/tx, {run.Drain.EntitiesPerEvent:0.00} writes/event, tx p50/p99 {tx.P50Ms:0}/{tx.P99Ms:0} ms, in flight {run.Drain.Profile.BusyShare(PhaseProfile.TableWrites):0.0}, Azurite {run.Drain.Profile.AzuriteCores:P0}, pressure {run.Drain.Profile.CpuPressureShare:P0}, set-up {run.SetUp.TotalSeconds:0} s, lag p99 {run.LagPaced.P99:0} ms");
    }

    return mAudit.Passed && wAudit.Passed ? 0 : 1;
}

var rounds = new List<RoundFigures>();
for (var round = 1; round <= options.Rounds; round++)
{
    var pressure = CpuPressure.Now();
    Progress.Say($"round {round} of {options.Rounds}: Azurite's ceiling (100-entity batch inserts into one partition)");
    var ceiling = await AzuriteCeiling.MeasureAsync(connectionString, options.CeilingFor, options.CeilingWriters);
    Progress.Say($"round {round}: naive baseline, {options.NaiveWorkers} workers for {options.NaiveFor.TotalSeconds:0} s");
    var (naive, naiveAudit) = await NaiveBaseline.RunAsync(connectionString, options.NaiveWorkers, options.NaiveFor);
    Progress.Say($"round {round}: hot wallet through the worker alone, {options.HotWorkerEvents:N0} events");
    var (worker, workerAudit) = await HotWalletWorker.RunAsync(options.HotWorkerEvents, options.DrainTimeout);
    Progress.Say($"round {round}: the same with an auto top-up rule on the wallet");
    var (withRule, withRuleAudit) = await HotWalletWorker.RunAsync(options.HotWorkerEvents, options.DrainTimeout, autoTopUpRule: true);
    audits.AddRange([naiveAudit, workerAudit, withRuleAudit]);
    rounds.Add(new RoundFigures(ceiling, naive, worker, withRule, pressure.ShareSince()));
}

Progress.Say("the app's CPU per full hot-wallet transaction, part by part");
var transactionCost = await TransactionCost.MeasureAsync(connectionString, options.Quick ? 200 : 1_000);

Progress.Say($"naive baseline, 1 worker for {options.NaiveSingleFor.TotalSeconds:0} s");
var (naiveSingle, naiveSingleAudit) = await NaiveBaseline.RunAsync(connectionString, 1, options.NaiveSingleFor);
audits.Add(naiveSingleAudit);

Progress.Say($"hot wallet, the engine alone (no queue, no HTTP): {options.HotWorkerEvents:N0} events");
var (engineAlone, engineAloneAudit) = await HotWalletEngineAlone.RunAsync(options.HotWorkerEvents, options.NaiveWorkers, options.DrainTimeout);
audits.Add(engineAloneAudit);

Progress.Say($"hot wallet end to end: {options.EndToEndEvents:N0} events, with check latency and lag");
var (endToEnd, endToEndAudit) = await HotWalletEndToEnd.RunAsync(options.EndToEndEvents, options.Checks, options.PacedFor, options.DrainTimeout);
audits.Add(endToEndAudit);

Progress.Say($"aggregate: {options.Wallets:N0} wallets, {options.EventsPerWallet} events each, then a paced quarter of that rate for the lag");
var (many, manyAudit) = await ManyWallets.RunAsync(options.Wallets, options.EventsPerWallet, options.ManyPacedFor, options.DrainTimeout, options.WalletAccounts);
audits.Add(manyAudit);

Progress.Say($"wide aggregate: {options.WideWallets:N0} wallets, {options.WideEventsPerWallet} events each");
var (wide, wideAudit) = await ManyWallets.RunAsync(options.WideWallets, options.WideEventsPerWallet, null, options.DrainTimeout, options.WalletAccounts);
audits.Add(wideAudit);

var report = new BenchmarkReport(options.Mode, startedAt, clock.Elapsed, machine, rounds, transactionCost, naiveSingle, engineAlone, endToEnd, many, wide, audits);
Console.WriteLine();
Console.WriteLine(report.ToMarkdown());
if (options.JsonPath is { } path)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    await File.WriteAllTextAsync(path, report.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + Environment.NewLine);
    Progress.Say("figures written to " + path);
}

if (!report.InvariantsHold)
{
    Progress.Say("FAILED: an invariant does not hold (see the table); the figures of this run are not to be trusted");
    return 1;
}

return 0;
