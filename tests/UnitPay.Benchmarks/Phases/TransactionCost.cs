using System.Diagnostics;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using UnitPay.Benchmarks.Support;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Storage;
using UnitPay.Core.Wallets;
using UnitPay.Testing;

namespace UnitPay.Benchmarks.Phases;

/// <summary>
/// What one full hot-wallet transaction costs the app's CPU, part by part: the engine's session deciding it, the
/// mapper turning it into rows, and the Azure SDK sending it. The transaction is the real thing (one real batch is sent
/// to Azurite and its answer recorded); the SDK is then timed against the recording, without network or Azurite.
/// </summary>
internal static class TransactionCost
{
    private const string WalletId = "cacc_cost";

    public static async Task<TransactionCostFigures> MeasureAsync(string connectionString, int transactions)
    {
        var handler = new ReplayHandler();
        using var http = new HttpClient(handler);
        var table = new TableClient(
            connectionString,
            StorageNamespace.Fresh().TablePrefix + TableNames.Wallets,
            new TableClientOptions { Transport = new HttpClientTransport(http), Retry = { MaxRetries = 0 } });
        await table.CreateIfNotExistsAsync();
        var wallet = new Wallet();
        await table.SubmitTransactionAsync(Rows(wallet.Decide()));
        handler.Replaying = true;

        var decide = TimeSpan.Zero;
        var map = TimeSpan.Zero;
        var sdk = TimeSpan.Zero;
        var events = 0;
        var operations = 0;
        var clock = new Stopwatch();
        for (var i = -transactions / 4; i < transactions; i++)
        {
            // The first quarter warms the JIT and the pools up and is not counted.
            clock.Restart();
            var session = wallet.Decide();
            var decided = clock.Elapsed;
            var rows = Rows(session);
            var mapped = clock.Elapsed;
            await table.SubmitTransactionAsync(rows);
            if (i >= 0)
            {
                decide += decided;
                map += mapped - decided;
                sdk += clock.Elapsed - mapped;
                events = session.NewOutcomes.Count;
                operations = rows.Count;
            }
        }

        return new TransactionCostFigures(
            events,
            operations,
            decide.TotalMilliseconds / transactions,
            map.TotalMilliseconds / transactions,
            sdk.TotalMilliseconds / transactions,
            handler.RequestBytes,
            handler.ResponseBytes);
    }

    /// <summary>The rows of a session as WalletStore.CommitAsync writes them (upserts here: nothing was read first).</summary>
    private static List<TableTransactionAction> Rows(WalletSession session)
    {
        var rows = new List<TableTransactionAction> { new(TableTransactionActionType.UpsertReplace, WalletRows.ToEntity(session.Head)) };
        rows.AddRange(session.TouchedGrants.Select(g => new TableTransactionAction(TableTransactionActionType.UpsertReplace, WalletRows.ToEntity(WalletId, g))));
        rows.AddRange(WalletRows.ToLedgerPages(WalletId, session.NewEntries).Select(page => new TableTransactionAction(TableTransactionActionType.Add, page)));
        rows.AddRange(session.NewOutcomes.Select(o => new TableTransactionAction(TableTransactionActionType.Add, WalletRows.ToEntity(WalletId, o))));
        return rows;
    }

    /// <summary>A wallet with two grants that keeps deciding full transactions of usage, as the engine fills them.</summary>
    private sealed class Wallet
    {
        private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
        private WalletHead _head;
        private List<Grant> _grants;
        private long _event;

        public Wallet()
        {
            var session = new WalletSession(new WalletHead { WalletId = WalletId, OrgId = "org_cost", CustomerId = "cus_cost", CurrencyId = "ccur_cost", CreatedAt = _now }, []);
            foreach (var (id, priority) in new[] { ("grant_cost1", 0), ("grant_cost2", 10) })
            {
                session.AddGrant(
                    new Grant { Id = id, Source = GrantSource.Manual, Amount = 1_000_000_000, Remaining = 1_000_000_000, Priority = priority, EffectiveAt = _now, CreatedAt = _now },
                    LedgerReason.Grant,
                    _now);
            }

            _head = session.Head;
            _grants = session.Grants.ToList();
        }

        /// <summary>As many 1-to-3-credit charges as one transaction holds (the engine's own bound), decided on a fresh session.</summary>
        public WalletSession Decide()
        {
            var session = new WalletSession(_head, _grants);
            var worstPerCharge = 2 + _grants.Count;
            while (session.OperationCount + worstPerCharge <= WalletStore.MaxOperationsPerTransaction)
            {
                var n = ++_event;
                session.Debit(new UsageCharge($"evt_cost{n:D10}", "ai-generation-cost", 1 + (n % 3), _now, 1 + (n % 3)), _now);
            }

            _head = session.Head;
            _grants = session.Grants.ToList();
            return session;
        }
    }
}
