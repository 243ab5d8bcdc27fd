using System.Collections.Concurrent;
using UnitPay.Core.Wallets;
using UnitPay.Testing;

namespace UnitPay.Benchmarks.Support;

/// <summary>The invariant audit of one phase's wallets: how much was checked and every violation found.</summary>
internal sealed record AuditOutcome(string Phase, int Wallets, int Events, IReadOnlyList<string> Violations)
{
    public bool Passed => Violations.Count == 0;

    /// <summary>
    /// Reads each wallet whole and checks it against what was sent to it (event id to cost). <paramref name="inspect"/>
    /// sees each wallet read, one at a time, so a phase can take more figures from it without reading it again.
    /// </summary>
    public static async Task<AuditOutcome> RunAsync(
        string phase,
        WalletStore store,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> sentByWallet,
        bool grantsCarryBalance = true,
        Action<WalletRecord>? inspect = null)
    {
        ArgumentNullException.ThrowIfNull(sentByWallet);
        var wallets = new ConcurrentDictionary<string, WalletRecord>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(sentByWallet.Keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (walletId, ct) =>
            wallets[walletId] = await WalletRecord.ReadAsync(store, walletId, ct));
        return Check(phase, wallets, sentByWallet, grantsCarryBalance, inspect);
    }

    /// <summary>Checks wallets already read (see <see cref="WalletRecord.ReadTableAsync"/>) against what was sent to each.</summary>
    public static AuditOutcome Check(
        string phase,
        IReadOnlyDictionary<string, WalletRecord> wallets,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> sentByWallet,
        bool grantsCarryBalance = true,
        Action<WalletRecord>? inspect = null)
    {
        ArgumentNullException.ThrowIfNull(wallets);
        ArgumentNullException.ThrowIfNull(sentByWallet);
        var violations = new List<string>();
        foreach (var (walletId, sent) in sentByWallet)
        {
            if (!wallets.TryGetValue(walletId, out var wallet))
            {
                violations.Add($"{walletId}: usage was sent to it, but the wallet was never written");
                continue;
            }

            violations.AddRange(WalletAudit.Violations(wallet, sent, grantsCarryBalance));
            inspect?.Invoke(wallet);
        }

        var outcome = new AuditOutcome(phase, sentByWallet.Count, sentByWallet.Sum(w => w.Value.Count), violations);
        Progress.Say(outcome.Passed
            ? $"  invariants hold: {outcome.Wallets:N0} wallet(s), {outcome.Events:N0} events"
            : $"  INVARIANTS VIOLATED in {phase}: {violations.Count} problem(s), e.g. {violations[0]}");
        return outcome;
    }
}
