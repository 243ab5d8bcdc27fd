using UnitPay.Functions.Hosting;

namespace UnitPay.Benchmarks;

/// <summary>The command line, and the sizes of each phase in the quick and the full run.</summary>
internal sealed record BenchmarkOptions
{
    public const string Usage = "usage: dotnet run -c Release --project tests/UnitPay.Benchmarks -- [--quick] [--aggregate-only] [--wide WALLETS] [--wallet-accounts N] [--json FILE]";

    public bool Quick { get; init; }

    public string? JsonPath { get; init; }

    /// <summary>Only the many-wallet phases, figures on stderr (for working on them; no table, no JSON).</summary>
    public bool AggregateOnly { get; init; }

    public string Mode => Quick ? "quick" : "full";

    /// <summary>
    /// Rounds of ceiling, naive baseline and hot-wallet worker, back to back: the machine's load drifts, so the full run
    /// takes the median of three.
    /// </summary>
    public int Rounds => Quick ? 1 : 3;

    public TimeSpan CeilingFor => TimeSpan.FromSeconds(Quick ? 1.5 : 2.5);

    public int CeilingWriters { get; init; } = 4;

    /// <summary>As many naive workers as the trigger runner runs invocations at once (host.json's batch size).</summary>
    public int NaiveWorkers { get; init; } = 16;

    public TimeSpan NaiveFor => TimeSpan.FromSeconds(Quick ? 4 : 6);

    public TimeSpan NaiveSingleFor => TimeSpan.FromSeconds(Quick ? 2 : 6);

    /// <summary>Events of each round's hot-wallet drain through the worker, and of the engine-alone drain.</summary>
    public int HotWorkerEvents => Quick ? 8_000 : 20_000;

    /// <summary>Events of each of the two end-to-end runs (with and without a caller checking).</summary>
    public int EndToEndEvents => Quick ? 6_000 : 24_000;

    public int Checks => Quick ? 200 : 1_000;

    public TimeSpan PacedFor => TimeSpan.FromSeconds(Quick ? 4 : 15);

    /// <summary>The aggregate's wallets: 1,000 in both runs (the quick one sends fewer events to each).</summary>
    public int Wallets { get; init; } = 1_000;

    public int EventsPerWallet => Quick ? 4 : 12;

    /// <summary>The steady paced load over the aggregate's wallets, for the lag when the worker keeps up.</summary>
    public TimeSpan ManyPacedFor => TimeSpan.FromSeconds(Quick ? 4 : 10);

    /// <summary>
    /// The wide aggregate, to show how cost grows with wallets: 10,000 wallets with 2 events each in the full run
    /// (about 2 minutes of set-up on Azurite), 2,000 in the quick one; <c>--wide N</c> sets another number.
    /// </summary>
    public int WideWallets => WideOverride ?? (Quick ? 2_000 : 10_000);

    public int? WideOverride { get; init; }

    public int WideEventsPerWallet { get; init; } = 2;

    /// <summary>Storage accounts (Azurite processes) the many-wallet phases spread wallets over (UNITPAY_WALLET_ACCOUNTS); <c>--wallet-accounts N</c>.</summary>
    public int WalletAccounts { get; init; } = 1;

    /// <summary>How long any one drain may take before the run gives up (a stuck worker fails the run, never hangs it).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Parses the arguments; null (with the reason on stderr) when they are not understood.</summary>
    public static BenchmarkOptions? Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var hostJson = HostJson.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));
        var options = new BenchmarkOptions { NaiveWorkers = hostJson.QueueBatchSize };
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    options = options with { Quick = true };
                    break;
                case "--aggregate-only":
                    options = options with { AggregateOnly = true };
                    break;
                case "--wide" when i + 1 < args.Count && int.TryParse(args[i + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var wide) && wide >= 2:
                    options = options with { WideOverride = wide };
                    i++;
                    break;
                case "--wallet-accounts" when i + 1 < args.Count && int.TryParse(args[i + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var accounts) && accounts is >= 1 and <= 8:
                    options = options with { WalletAccounts = accounts };
                    i++;
                    break;
                case "--json" when i + 1 < args.Count:
                    options = options with { JsonPath = args[++i] };
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}'");
                    Console.Error.WriteLine(Usage);
                    return null;
            }
        }

        return options;
    }
}
