using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CsCheck;
using Xunit.Abstractions;

namespace UnitPay.Core.Tests.Simulation;

/// <summary>
/// The deterministic simulation of one wallet (issue 16): seeded random histories through the real session, checked
/// against the reference model after every step. UNITPAY_SIM_SEEDS sets how many seeds (2,000 by default; the long
/// mode runs 100,000); UNITPAY_SIM_SEED replays one seed, which a failure prints as a command.
/// </summary>
public sealed partial class WalletSimulationTests(ITestOutputHelper output)
{
    public const int DefaultSeeds = 2_000;

    private const string Filter = "FullyQualifiedName~UnitPay.Core.Tests.Simulation.WalletSimulationTests";

    private static readonly Gen<(Catalog.OveragePolicy Policy, SimStep[] Steps)> Histories =
        Gen.Select(SimStep.AnyPolicy, SimStep.Any.Array[1, 80]);

    [Fact]
    public void Random_wallet_histories_match_the_reference_model_after_every_step()
    {
        var replay = Environment.GetEnvironmentVariable("UNITPAY_SIM_SEED");
        var seeds = int.TryParse(Environment.GetEnvironmentVariable("UNITPAY_SIM_SEEDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultSeeds;
        var clock = Stopwatch.StartNew();
        try
        {
            Histories.Sample(
                run => WalletSimulation.Run(run.Policy, run.Steps),
                seed: string.IsNullOrEmpty(replay) ? null : replay,
                iter: string.IsNullOrEmpty(replay) ? seeds : 1,
                threads: string.IsNullOrEmpty(replay) ? -1 : 1,
                print: run => $"policy {run.Policy.Mode}/{run.Policy.OverageLimit}/{run.Policy.OverageBehavior}\n  " + string.Join("\n  ", run.Steps.Select(s => s.ToString())));
        }
        catch (Exception e) when (SeedIn(e.Message) is { } seed)
        {
            throw new SimulationMismatchException(
                $"The wallet simulation failed. Replay the (shrunk) failing seed with:\n\n  UNITPAY_SIM_SEED={seed} dotnet test tests/UnitPay.Core.Tests --filter \"{Filter}\"\n\n{e.Message}",
                e);
        }

        output.WriteLine($"{(string.IsNullOrEmpty(replay) ? seeds : 1)} seeds in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static string? SeedIn(string message) => SeedPattern().Match(message) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("CsCheck_Seed=([0-9A-Za-z_-]+)")]
    private static partial Regex SeedPattern();
}
