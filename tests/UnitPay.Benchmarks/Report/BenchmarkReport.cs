using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using UnitPay.Benchmarks.Phases;
using UnitPay.Benchmarks.Support;

namespace UnitPay.Benchmarks.Report;

/// <summary>
/// Every figure of one run and the targets judged on them, as Markdown (for BENCHMARKS.md) and as JSON (for comparing
/// runs). The headline hot-wallet figures are medians over the rounds, each round's ratio taken within the round.
/// </summary>
internal sealed record BenchmarkReport(
    string Mode,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    MachineInfo Machine,
    IReadOnlyList<RoundFigures> Rounds,
    TransactionCostFigures TransactionCost,
    NaiveFigures NaiveSingle,
    DrainFigures EngineAlone,
    EndToEndFigures EndToEnd,
    ManyWalletsFigures Many,
    ManyWalletsFigures Wide,
    IReadOnlyList<AuditOutcome> Audits)
{
    public double HotWalletEventsPerSecond => Median(Rounds.Select(r => r.Worker.EventsPerSecond));

    public double NaiveEventsPerSecond => Median(Rounds.Select(r => r.Naive.EventsPerSecond));

    public double RatioToNaive => Median(Rounds.Select(r => r.RatioToNaive));

    /// <summary>The hot wallet with an auto top-up rule over the same without, each round's ratio taken within the round.</summary>
    public double RuleOverPlain => Median(Rounds.Select(r => r.RuleOverPlain));

    public double CeilingEntitiesPerSecond => Median(Rounds.Select(r => r.Ceiling.EntitiesPerSecond));

    public double CeilingFraction => Median(Rounds.Select(r => r.CeilingFraction));

    /// <summary>The round whose worker figure is the median: its profile stands for the hot wallet's.</summary>
    public RoundFigures MedianRound => Rounds.OrderBy(r => r.Worker.EventsPerSecond).ElementAt(Rounds.Count / 2);

    /// <summary>The checks under the end-to-end load as the app served them (without the client's side of HTTP).</summary>
    public RequestStats CheckServer => EndToEnd.DrainWhileChecking.Profile.Of(PhaseProfile.Checks);

    /// <summary>Azurite table reads under the end-to-end load: the checks' wallet reads (and the drain's head polls).</summary>
    public RequestStats TableReads => EndToEnd.DrainWhileChecking.Profile.Of(PhaseProfile.TableReads);

    public bool InvariantsHold => Audits.All(a => a.Passed);

    /// <summary>The many-wallet drain over the hot wallet's figure of the same run (its median of rounds).</summary>
    public double ManyOverHot => Many.Drain.EventsPerSecond / HotWalletEventsPerSecond;

    /// <summary>The table transactions of the many-wallet drain (one table POST each).</summary>
    public RequestStats ManyTransactions => Many.Drain.Profile.Of(PhaseProfile.TableWrites);

    public IReadOnlyList<Target> Targets =>
    [
        new("ratioToNaive", "hot wallet ≥ 10x the naive baseline (same workers, same round)", $"{RatioToNaive:0.0}x", RatioToNaive >= 10),
        new("hotWalletEventsPerSec", "≥ 5,000 events/s on one wallet through the worker", Rate(HotWalletEventsPerSecond), HotWalletEventsPerSecond >= 5_000),
        new("ruleWithin10Percent", "hot wallet with an auto top-up rule within 10% of one without (same round)", Percent(RuleOverPlain), RuleOverPlain >= 0.9),
        new("ceilingFraction", "engine entity writes ≥ 50% of Azurite's batch ceiling (hot wallet)", Percent(CeilingFraction), CeilingFraction >= 0.5),
        new(
            "checkP99LoadWithin5xIdle",
            "check p99 under load ≤ 5x idle p99",
            $"{EndToEnd.CheckUnderLoad.P99 / EndToEnd.CheckIdle.P99:0.0}x ({EndToEnd.CheckUnderLoad.P99 / EndToEnd.CheckIdleAfter.P99:0.0}x against idle at the same table size)",
            EndToEnd.CheckUnderLoad.P99 <= 5 * EndToEnd.CheckIdle.P99),
        new("aggregateEventsPerSec", $"{Many.Wallets:N0} wallets through the worker ≥ 2,500 events/s", Rate(Many.Drain.EventsPerSecond), Many.Drain.EventsPerSecond >= 2_500),
        new("aggregateOverHot", $"{Many.Wallets:N0} wallets ≥ 45% of the hot wallet (same run)", Percent(ManyOverHot), ManyOverHot >= 0.45),
        new("aggregateTransactionP99", $"transaction p99 ≤ 1 s during the {Many.Wallets:N0}-wallet drain", $"{ManyTransactions.P99Ms:0} ms", ManyTransactions.P99Ms <= 1_000),
        new("aggregateEntitiesPerEvent", $"entity writes per event ≤ 1.5 ({Many.Wallets:N0}-wallet drain)", Many.Drain.EntitiesPerEvent.ToString("0.00", CultureInfo.InvariantCulture), Many.Drain.EntitiesPerEvent <= 1.5),
        new("aggregateLagP99", $"lag p99 ≤ 500 ms at a steady quarter of the {Many.Wallets:N0}-wallet rate", $"{Many.LagPaced.P99:0} ms", Many.LagMeasured && Many.LagPaced.P99 <= 500),
    ];

    public string ToMarkdown()
    {
        var e2e = EndToEnd;
        var naiveWorkers = Rounds[0].Naive.Workers;
        var rows = new List<(string Measure, string Figure)>
        {
            ("Hot wallet, worker alone (pre-filled queue)", $"**{Rate(HotWalletEventsPerSecond)}** events/s{Spread(r => r.Worker.EventsPerSecond)}"),
            ("Hot wallet with an auto top-up rule, worker (crossed once)", $"{Rate(Median(Rounds.Select(r => r.WorkerWithRule.EventsPerSecond)))} events/s{Spread(r => r.WorkerWithRule.EventsPerSecond)}; **{Percent(RuleOverPlain)}** of the same without a rule{Spread(r => r.RuleOverPlain, "0.00")}"),
            ("Hot wallet, engine alone (UsageProcessor in-process: no queue, no HTTP)", $"{Rate(EngineAlone.EventsPerSecond)} events/s"),
            ("Hot wallet, end to end (track over HTTP → deducted)", $"**{Rate(e2e.Drain.EventsPerSecond)}** events/s ({e2e.Drain.Events:N0} events in {Seconds(e2e.Drain.Elapsed)})"),
            ("… the same while a caller checks back to back", $"{Rate(e2e.DrainWhileChecking.EventsPerSecond)} events/s ({e2e.DrainWhileChecking.Events:N0} events)"),
            ($"Naive baseline, {naiveWorkers} workers (read + If-Match write per event)", $"{Rate(NaiveEventsPerSecond)} events/s{Spread(r => r.Naive.EventsPerSecond)}, {Median(Rounds.Select(r => r.Naive.AttemptsPerEvent)):0.0} write attempts per event"),
            ("Naive baseline, 1 worker", $"{Rate(NaiveSingle.EventsPerSecond)} events/s"),
            ("Engine / naive (same workers, same round)", $"**{RatioToNaive:0.0}x**{Spread(r => r.RatioToNaive, "0.0")}"),
            ("Azurite ceiling: 100-entity batch inserts, one partition", $"{Rate(CeilingEntitiesPerSecond)} entities/s{Spread(r => r.Ceiling.EntitiesPerSecond)}"),
            ("Engine entity writes / ceiling, hot wallet (worker)", $"**{Percent(CeilingFraction)}**{Spread(r => r.CeilingFraction, "P0")}"),
            ($"Aggregate, {Many.Wallets:N0} wallets (worker)", $"**{Rate(Many.Drain.EventsPerSecond)}** events/s ({Many.Drain.Events:N0} events in {Seconds(Many.Drain.Elapsed)}); **{Percent(ManyOverHot)}** of the hot wallet; {Many.Drain.EventsPerTransaction:0.0} events a transaction, {Many.Drain.EntitiesPerEvent:0.00} entity writes an event, transaction p99 {ManyTransactions.P99Ms:0} ms; store bound {Many.StoreLimitAfterDrain} after the drain"),
            ($"Lag over {Many.Wallets:N0} wallets, track accepted → applied, steady paced load ({Rate(Many.PacedEventsPerSecond)} events/s)", Many.LagMeasured ? $"**{Many.LagPaced.P50:0} / {Many.LagPaced.P99:0} ms** (p50 / p99){PacedCost(Many.Paced)}" : "not measured"),
            ($"Aggregate, {Wide.Wallets:N0} wallets (worker)", $"**{Rate(Wide.Drain.EventsPerSecond)}** events/s ({Wide.Drain.Events:N0} events in {Seconds(Wide.Drain.Elapsed)}); {Wide.Drain.EventsPerTransaction:0.0} events a transaction, {Wide.Drain.EntitiesPerEvent:0.00} entity writes an event, transaction p99 {Wide.Drain.Profile.Of(PhaseProfile.TableWrites).P99Ms:0} ms; setting up its customers and grants through the core services took {Seconds(Wide.SetUp)}"),
            ("Check p50 / p99, idle", Millis(e2e.CheckIdle)),
            ("Check p50 / p99, under the end-to-end track load", Millis(e2e.CheckUnderLoad)),
            ("… the same checks served by the app (server side) / Azurite table reads meanwhile", $"{CheckServer.P50Ms:0.0} / {CheckServer.P99Ms:0.0} ms; {TableReads.P50Ms:0.0} / {TableReads.P99Ms:0.0} ms"),
            ("Check p50 / p99, idle after the load (tables as large)", Millis(e2e.CheckIdleAfter)),
            ($"Lag, track accepted → applied, steady paced load ({Rate(e2e.PacedEventsPerSecond)} events/s)", $"**{e2e.LagPaced.P50:0} / {e2e.LagPaced.P99:0} ms** (p50 / p99)"),
            ("Lag at saturation (the end-to-end run, backlog included)", $"{e2e.LagSaturated.P50:0} / {e2e.LagSaturated.P99:0} ms"),
            ("Invariants", InvariantsHold
                ? $"hold: {Audits.Sum(a => a.Wallets):N0} wallets, {Audits.Sum(a => a.Events):N0} events audited"
                : $"**VIOLATED**: {Audits.Sum(a => a.Violations.Count)} problem(s)"),
        };

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Mode: {Mode}; run {StartedAt:yyyy-MM-dd HH:mm} UTC, {Seconds(Duration)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine}");
        text.AppendLine();
        Table(text, ["Measure", "Figure"], rows.Select(r => new[] { r.Measure, r.Figure }));

        text.AppendLine();
        text.AppendLine("Rounds (ceiling, naive baseline and engine worker back to back; CPU pressure = share of the round some task waited for a CPU):");
        text.AppendLine();
        Table(
            text,
            ["Round", "CPU pressure", "Azurite ceiling", $"Naive, {naiveWorkers} workers", "Engine, worker", "Engine / naive", "Entity writes / ceiling"],
            Rounds.Select((r, i) => new[]
            {
                (i + 1).ToString(CultureInfo.InvariantCulture),
                Percent(r.CpuPressureShare),
                $"{Rate(r.Ceiling.EntitiesPerSecond)} entities/s (1 writer {Rate(r.Ceiling.SequentialEntitiesPerSecond)}, a batch {r.Ceiling.SequentialBatchP50Ms:0.0} ms)",
                $"{Rate(r.Naive.EventsPerSecond)} events/s",
                $"{Rate(r.Worker.EventsPerSecond)} events/s, {Rate(r.Worker.EntitiesPerSecond)} entities/s",
                $"{r.RatioToNaive:0.0}x",
                Percent(r.CeilingFraction),
            }));

        text.AppendLine();
        text.AppendLine("Where the time went in each drain (measured from outside the engine; transaction = one table POST):");
        text.AppendLine();
        Table(
            text,
            ["Run", "Events / s", "Transactions", "Events / transaction", "Entity writes / event", "Transaction p50 / p99", "Mean transactions in flight", "Queue receives", "Invocations, p50", "Azurite CPU", "App CPU", "GC pauses", "CPU pressure"],
            new[]
            {
                ("hot wallet, worker (median round)", MedianRound.Worker),
                ("hot wallet, engine alone", EngineAlone),
                ("hot wallet, end to end", e2e.Drain),
                ("hot wallet, end to end, checks back to back", e2e.DrainWhileChecking),
                ($"{Many.Wallets:N0} wallets", Many.Drain),
                ($"{Wide.Wallets:N0} wallets", Wide.Drain),
            }.Select(run =>
            {
                var (name, drain) = run;
                var p = drain.Profile;
                var tx = p.Of(PhaseProfile.TableWrites);
                var invocations = p.Of(PhaseProfile.Invocations);
                return new[]
                {
                    name,
                    Rate(drain.EventsPerSecond),
                    $"{drain.Transactions:N0} ({Rate(drain.TransactionsPerSecond)}/s)",
                    drain.EventsPerTransaction.ToString("0.0", CultureInfo.InvariantCulture),
                    drain.EntitiesPerEvent.ToString("0.00", CultureInfo.InvariantCulture),
                    $"{tx.P50Ms:0.0} / {tx.P99Ms:0.0} ms",
                    p.BusyShare(PhaseProfile.TableWrites).ToString("0.00", CultureInfo.InvariantCulture),
                    p.Of(PhaseProfile.QueueReceives).Count.ToString("N0", CultureInfo.InvariantCulture),
                    invocations.Count == 0 ? "none" : $"{invocations.Count:N0}, {invocations.P50Ms:0} ms",
                    $"{Percent(p.AzuriteCores)} of a core",
                    $"{p.AppCores:0.00} cores",
                    Percent(p.GcPauseShare),
                    Percent(p.CpuPressureShare),
                };
            }));

        var cost = TransactionCost;
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"One full hot-wallet transaction ({cost.Events} events, {cost.Operations} operations; a {cost.RequestBytes / 1024.0:0} KiB request, a {cost.ResponseBytes / 1024.0:0} KiB answer) costs the app {cost.TotalMs:0.00} ms of CPU: deciding it {cost.DecideMs:0.00} ms, mapping it to rows (JSON columns included) {cost.MapMs:0.00} ms, the Azure SDK building the request and parsing the answer {cost.SdkMs:0.00} ms. Azurite takes {Median(Rounds.Select(r => r.Ceiling.SequentialBatchP50Ms)):0.0} ms (p50, client included) for a raw 100-entity batch.");

        text.AppendLine();
        Table(text, ["Target", "Measured", "Met"], Targets.Select(t => new[] { t.Asks, t.Measured, t.Met ? "yes" : "**no**" }));
        foreach (var audit in Audits.Where(a => !a.Passed))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Invariant violations in {audit.Phase}:");
            foreach (var violation in audit.Violations.Take(20))
            {
                text.AppendLine("- " + violation);
            }
        }

        return text.ToString();
    }

    public JsonObject ToJson() => new()
    {
        ["mode"] = Mode,
        ["startedAt"] = StartedAt.ToString("O", CultureInfo.InvariantCulture),
        ["durationSec"] = Round(Duration.TotalSeconds),
        ["machine"] = new JsonObject
        {
            ["cores"] = Machine.Cores,
            ["cpu"] = Machine.Cpu,
            ["os"] = Machine.Os,
            ["dotnet"] = Machine.DotNet,
            ["node"] = Machine.Node,
            ["azurite"] = Machine.Azurite,
        },
        ["hotWalletEventsPerSec"] = Round(HotWalletEventsPerSecond),
        ["engineAloneEventsPerSec"] = Round(EngineAlone.EventsPerSecond),
        ["hotWalletEndToEndEventsPerSec"] = Round(EndToEnd.Drain.EventsPerSecond),
        ["hotWalletEndToEndWhileCheckingEventsPerSec"] = Round(EndToEnd.DrainWhileChecking.EventsPerSecond),
        ["naiveEventsPerSec"] = Round(NaiveEventsPerSecond),
        ["naiveWorkers"] = Rounds[0].Naive.Workers,
        ["naiveSingleWorkerEventsPerSec"] = Round(NaiveSingle.EventsPerSecond),
        ["ratioToNaive"] = Round(RatioToNaive),
        ["ruleOverPlain"] = Round(RuleOverPlain),
        ["ceilingEntitiesPerSec"] = Round(CeilingEntitiesPerSecond),
        ["ceilingFraction"] = Round(CeilingFraction),
        ["rounds"] = new JsonArray([.. Rounds.Select(r => (JsonNode)new JsonObject
        {
            ["cpuPressure"] = Round(r.CpuPressureShare),
            ["ceilingEntitiesPerSec"] = Round(r.Ceiling.EntitiesPerSecond),
            ["naiveEventsPerSec"] = Round(r.Naive.EventsPerSecond),
            ["workerEventsPerSec"] = Round(r.Worker.EventsPerSecond),
            ["workerEntitiesPerSec"] = Round(r.Worker.EntitiesPerSecond),
            ["workerWithRuleEventsPerSec"] = Round(r.WorkerWithRule.EventsPerSecond),
            ["ruleOverPlain"] = Round(r.RuleOverPlain),
            ["ratioToNaive"] = Round(r.RatioToNaive),
            ["ceilingFraction"] = Round(r.CeilingFraction),
        })]),
        ["eventsPerTransaction"] = Round(MedianRound.Worker.EventsPerTransaction),
        ["entitiesPerEvent"] = Round(MedianRound.Worker.EntitiesPerEvent),
        ["transactionP50Ms"] = Round(MedianRound.Worker.Profile.Of(PhaseProfile.TableWrites).P50Ms),
        ["transactionsInFlight"] = Round(MedianRound.Worker.Profile.BusyShare(PhaseProfile.TableWrites)),
        ["txEvents"] = TransactionCost.Events,
        ["txDecideMs"] = Round(TransactionCost.DecideMs),
        ["txMapMs"] = Round(TransactionCost.MapMs),
        ["txSdkMs"] = Round(TransactionCost.SdkMs),
        ["txRequestBytes"] = TransactionCost.RequestBytes,
        ["ceilingBatchP50Ms"] = Round(Median(Rounds.Select(r => r.Ceiling.SequentialBatchP50Ms))),
        ["aggregateWallets"] = Many.Wallets,
        ["aggregateEventsPerSec"] = Round(Many.Drain.EventsPerSecond),
        ["aggregateOverHot"] = Round(ManyOverHot),
        ["aggregateEventsPerTransaction"] = Round(Many.Drain.EventsPerTransaction),
        ["aggregateEntitiesPerEvent"] = Round(Many.Drain.EntitiesPerEvent),
        ["aggregateTransactionP50Ms"] = Round(ManyTransactions.P50Ms),
        ["aggregateTransactionP99Ms"] = Round(ManyTransactions.P99Ms),
        ["aggregateTransactionsInFlight"] = Round(Many.Drain.Profile.BusyShare(PhaseProfile.TableWrites)),
        ["aggregateStoreLimit"] = Many.StoreLimitAfterDrain,
        ["aggregateLagPacedEventsPerSec"] = Round(Many.PacedEventsPerSecond),
        ["aggregateLagP50Ms"] = Round(Many.LagPaced.P50),
        ["aggregateLagP99Ms"] = Round(Many.LagPaced.P99),
        ["aggregatePacedTransactionsPerSec"] = Many.Paced is { } p ? Round(p.TransactionsPerSecond) : null,
        ["aggregatePacedEventsPerTransaction"] = Many.Paced is { } q ? Round(q.EventsPerTransaction) : null,
        ["aggregatePacedAppCores"] = Many.Paced is { } r ? Round(r.Profile.AppCores) : null,
        ["aggregatePacedAzuriteCores"] = Many.Paced is { } t ? Round(t.Profile.AzuriteCores) : null,
        ["wideWallets"] = Wide.Wallets,
        ["wideEventsPerSec"] = Round(Wide.Drain.EventsPerSecond),
        ["wideEventsPerTransaction"] = Round(Wide.Drain.EventsPerTransaction),
        ["wideEntitiesPerEvent"] = Round(Wide.Drain.EntitiesPerEvent),
        ["wideTransactionP99Ms"] = Round(Wide.Drain.Profile.Of(PhaseProfile.TableWrites).P99Ms),
        ["wideSetUpSec"] = Round(Wide.SetUp.TotalSeconds),
        ["checkP50IdleMs"] = Round(EndToEnd.CheckIdle.P50),
        ["checkP99IdleMs"] = Round(EndToEnd.CheckIdle.P99),
        ["checkP50LoadMs"] = Round(EndToEnd.CheckUnderLoad.P50),
        ["checkP99LoadMs"] = Round(EndToEnd.CheckUnderLoad.P99),
        ["checkServerP99LoadMs"] = Round(CheckServer.P99Ms),
        ["tableReadP99LoadMs"] = Round(TableReads.P99Ms),
        ["checkP99IdleAfterMs"] = Round(EndToEnd.CheckIdleAfter.P99),
        ["lagPacedEventsPerSec"] = Round(EndToEnd.PacedEventsPerSecond),
        ["lagP50Ms"] = Round(EndToEnd.LagPaced.P50),
        ["lagP99Ms"] = Round(EndToEnd.LagPaced.P99),
        ["lagSaturatedP50Ms"] = Round(EndToEnd.LagSaturated.P50),
        ["lagSaturatedP99Ms"] = Round(EndToEnd.LagSaturated.P99),
        ["invariantsHold"] = InvariantsHold,
        ["walletsAudited"] = Audits.Sum(a => a.Wallets),
        ["eventsAudited"] = Audits.Sum(a => a.Events),
        ["violations"] = new JsonArray([.. Audits.SelectMany(a => a.Violations).Take(100).Select(v => (JsonNode)JsonValue.Create(v))]),
        ["targets"] = new JsonObject(Targets.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Met)))),
    };

    private static void Table(StringBuilder text, IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Concat(Enumerable.Repeat(" --- |", header.Count)));
        foreach (var row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }
    }

    /// <summary>" (rounds: a, b, c)" when there was more than one round.</summary>
    private string Spread(Func<RoundFigures, double> figure, string format = "N0") =>
        Rounds.Count < 2 ? string.Empty : " (median of rounds: " + string.Join(", ", Rounds.Select(r => figure(r).ToString(format, CultureInfo.InvariantCulture))) + ")";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 2) : -1;

    private static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => double.IsFinite(fraction) ? fraction.ToString("P0", CultureInfo.InvariantCulture) : "n/a";

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Millis(Latencies latencies) =>
        string.Create(CultureInfo.InvariantCulture, $"{latencies.P50:0.0} / {latencies.P99:0.0} ms ({latencies.Count:N0} calls)");

    /// <summary>What the paced part of an aggregate cost: its transactions a second and each one's events, the answers' p99, the CPU on each side.</summary>
    private static string PacedCost(DrainFigures? paced) => paced is null
        ? string.Empty
        : $"; {paced.TransactionsPerSecond:N0} transactions/s of {paced.EventsPerTransaction:0.00} events, transaction p99 {paced.Profile.Of(PhaseProfile.TableWrites).P99Ms:0} ms, app {paced.Profile.AppCores:P0} / Azurite {paced.Profile.AzuriteCores:P0} of a core, CPU pressure {paced.Profile.CpuPressureShare:P0}";
}
