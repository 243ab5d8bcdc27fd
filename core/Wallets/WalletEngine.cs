using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Polly;
using UnitPay.Core.Faults;
using UnitPay.Core.Grants;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Wallets;

/// <summary>
/// Applies changes to wallets. Each change is a read-decide-write cycle over one wallet partition: the decision is
/// made on a <see cref="WalletSession"/> (pure), and written by <see cref="WalletStore.CommitAsync"/> in one
/// ETag-guarded transaction. A lost race (412) re-reads and re-decides, through a jittered Polly retry.
/// <para>
/// Hot wallets: within one process every wallet has a lane. Callers that arrive while the lane is busy leave their
/// usage in the lane's queue, and whoever holds the lane folds everything queued into as few transactions as the
/// 100-operation limit allows (flat combining). The lane also keeps the last snapshot it wrote, so a busy wallet is
/// not re-read before every write; the head ETag still guards every write against writers in other processes.
/// </para>
/// </summary>
public sealed partial class WalletEngine
{
    private const int RecentEventsPerWallet = 50_000;

    private readonly WalletStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger<WalletEngine> _logger;
    private readonly ResiliencePipeline _concurrency;
    private readonly IFaultInjector? _faults;
    private readonly IThresholdCrossingObserver? _crossings;
    private readonly Webhooks.IWebhookOutbox? _webhooks;
    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    /// <summary>Creates the engine; <paramref name="faults"/> is for crash tests only (<see cref="FaultPoint.BeforeWalletCommit"/>), null in production.</summary>
    /// <param name="store">The wallet partition's rows.</param>
    /// <param name="clock">The engine's time.</param>
    /// <param name="logger">Where it logs.</param>
    /// <param name="faults">Tests only: crashes injected at named points (none in production).</param>
    /// <param name="crossings">Told of every commit that crosses a wallet's auto top-up threshold (none: no auto top-up).</param>
    /// <param name="webhooks">Marked before and told after every commit that emits webhook events (none: the outbox rows wait for a sweeper).</param>
    public WalletEngine(WalletStore store, TimeProvider clock, ILogger<WalletEngine> logger, IFaultInjector? faults = null, IThresholdCrossingObserver? crossings = null, Webhooks.IWebhookOutbox? webhooks = null)
    {
        _webhooks = webhooks;
        _store = store;
        _clock = clock;
        _logger = logger;
        _faults = faults;
        _crossings = crossings;
        _concurrency = StorageResilience.OptimisticConcurrency(clock);
    }

    /// <summary>Transactions committed by this engine (for benchmarks and diagnostics).</summary>
    public long TransactionsCommitted => Interlocked.Read(ref _transactions);

    /// <summary>Entities written by this engine's committed transactions.</summary>
    public long EntitiesWritten => Interlocked.Read(ref _entities);

    private long _transactions;
    private long _entities;

    /// <summary>Creates the wallet if it does not exist. Returns the wallet's snapshot either way.</summary>
    public async Task<WalletSnapshot> EnsureWalletAsync(WalletHead head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(head);
        var lane = LaneOf(head.WalletId);
        if (lane.Snapshot is { } cached)
        {
            return cached;
        }

        var existing = await _store.LoadAsync(head.WalletId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        await _store.TryCreateAsync(head, cancellationToken);
        return await _store.LoadAsync(head.WalletId, cancellationToken)
            ?? throw new InvalidOperationException($"Wallet {head.WalletId} was created but cannot be read.");
    }

    /// <summary>
    /// Reads a wallet for an advisory answer (<c>check</c>): the snapshot this process committed or read at most
    /// <paramref name="maxAge"/> ago when there is one (a hot wallet always has one, so its checks cost no storage
    /// read), else what is stored. Staleness is bounded by <paramref name="maxAge"/> for writes made by other
    /// instances; this process's own writes are always seen.
    /// </summary>
    public async Task<WalletSnapshot?> ReadRecentAsync(string walletId, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        if (_lanes.TryGetValue(walletId, out var lane) && lane.Current is { } cached && _clock.GetUtcNow() - cached.At <= maxAge)
        {
            return cached.Snapshot;
        }

        return await _store.LoadAsync(walletId, cancellationToken);
    }

    /// <summary>Reads a wallet's current state (not cached: reads see what is stored).</summary>
    public Task<WalletSnapshot?> ReadAsync(string walletId, CancellationToken cancellationToken) =>
        _store.LoadAsync(walletId, cancellationToken);

    /// <summary>Reads a wallet of <paramref name="orgId"/>; null when it does not exist or belongs to another organization.</summary>
    public async Task<WalletSnapshot?> ReadOwnedAsync(string orgId, string walletId, CancellationToken cancellationToken)
    {
        var snapshot = Ids.HasPrefix(walletId, "cacc") ? await _store.LoadAsync(walletId, cancellationToken) : null;
        return snapshot is not null && snapshot.Head.OrgId == orgId ? snapshot : null;
    }

    /// <summary>
    /// Runs <paramref name="decide"/> on the wallet and commits what it changed, retrying on lost races. Due
    /// expiries are closed first, so a decision never sees an expired grant as open. <paramref name="decide"/> must
    /// depend only on the session it is given: it may run more than once.
    /// </summary>
    public async Task<T> MutateAsync<T>(string walletId, Func<WalletSession, DateTimeOffset, T> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var lane = LaneOf(walletId);
        await lane.Gate.WaitAsync(cancellationToken);
        try
        {
            return await _concurrency.ExecuteAsync(async ct =>
            {
                var snapshot = await CloseDueAsync(lane, await CurrentAsync(lane, walletId, ct), null, ct);
                var now = _clock.GetUtcNow();
                var session = snapshot.StartSession();
                session.ExpireDue(now);
                var result = decide(session, now);
                if (session.HeadChanged)
                {
                    await CommitAsync(lane, snapshot, session, ct);
                }

                return result;
            }, cancellationToken);
        }
        finally
        {
            lane.Gate.Release();
        }
    }

    /// <summary>
    /// Deducts usage charges from one wallet, each at most once ever. Returns one result per charge, in order.
    /// Concurrent callers for the same wallet are folded into shared transactions.
    /// </summary>
    public async Task<IReadOnlyList<UsageResult>> ApplyUsageAsync(string walletId, IReadOnlyList<UsageCharge> charges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charges);
        if (charges.Count == 0)
        {
            return [];
        }

        var lane = LaneOf(walletId);
        var work = new PendingUsage(charges);
        lane.Pending.Enqueue(work);
        while (!work.Completion.Task.IsCompleted)
        {
            await lane.Gate.WaitAsync(cancellationToken);
            try
            {
                if (work.Completion.Task.IsCompleted)
                {
                    break;
                }

                var batch = new List<PendingUsage>();
                while (lane.Pending.TryDequeue(out var pending))
                {
                    batch.Add(pending);
                }

                await ProcessUsageAsync(lane, walletId, batch, cancellationToken);
            }
            finally
            {
                lane.Gate.Release();
            }
        }

        return await work.Completion.Task;
    }

    private async Task ProcessUsageAsync(Lane lane, string walletId, List<PendingUsage> batch, CancellationToken cancellationToken)
    {
        try
        {
            // One result slot per charge; duplicates inside the batch point at the first occurrence.
            var slots = batch.Select(w => new UsageResult?[w.Charges.Count]).ToArray();
            var firstSeen = new Dictionary<string, (int Work, int Index)>(StringComparer.Ordinal);
            var todo = new List<(int Work, int Index, UsageCharge Charge)>();
            for (var w = 0; w < batch.Count; w++)
            {
                for (var i = 0; i < batch[w].Charges.Count; i++)
                {
                    var charge = batch[w].Charges[i];
                    if (firstSeen.TryAdd(charge.EventId, (w, i)))
                    {
                        todo.Add((w, i, charge));
                    }
                }
            }

            var done = new Dictionary<string, UsageResult>(StringComparer.Ordinal);
            var position = 0;
            while (position < todo.Count)
            {
                var consumed = await _concurrency.ExecuteAsync(
                    async ct => await CommitChunkAsync(lane, walletId, todo, position, done, ct),
                    cancellationToken);
                position += consumed;
            }

            for (var w = 0; w < batch.Count; w++)
            {
                for (var i = 0; i < batch[w].Charges.Count; i++)
                {
                    var charge = batch[w].Charges[i];
                    var result = done[charge.EventId];
                    var first = firstSeen[charge.EventId];
                    slots[w][i] = (first.Work, first.Index) == (w, i) ? result : result with { Duplicate = true };
                }

                batch[w].Completion.TrySetResult(slots[w]!);
            }
        }
        catch (Exception e)
        {
            lane.Snapshot = null;
            foreach (var work in batch)
            {
                work.Completion.TrySetException(e);
            }
        }
    }

    /// <summary>Builds and commits one transaction from the charges starting at <paramref name="start"/>; returns how many it consumed.</summary>
    private async Task<int> CommitChunkAsync(
        Lane lane,
        string walletId,
        List<(int Work, int Index, UsageCharge Charge)> todo,
        int start,
        Dictionary<string, UsageResult> done,
        CancellationToken cancellationToken)
    {
        var snapshot = await CloseDueAsync(lane, await CurrentAsync(lane, walletId, cancellationToken), null, cancellationToken);
        var known = new Dictionary<string, EventOutcome>(StringComparer.Ordinal);
        while (true)
        {
            var now = _clock.GetUtcNow();
            var session = snapshot.StartSession();
            session.ExpireDue(now);
            var consumed = 0;
            var worstPerCharge = 2 + snapshot.OpenGrants.Count;
            for (var k = start; k < todo.Count; k++)
            {
                var charge = todo[k].Charge;
                if (lane.Recent.TryGet(charge.EventId, out var seen) || known.TryGetValue(charge.EventId, out seen))
                {
                    consumed++;
                    continue;
                }

                if (session.OperationCount + worstPerCharge > WalletStore.MaxOperationsPerTransaction && session.NewOutcomes.Count > 0)
                {
                    break;
                }

                session.Debit(charge, now);
                consumed++;
            }

            try
            {
                if (session.HeadChanged)
                {
                    await CommitAsync(lane, snapshot, session, cancellationToken);
                }
            }
            catch (TableTransactionFailedException e) when (StorageFailure.IsAlreadyExists(e))
            {
                // Some event of this chunk was applied before (a redelivery). Find which, and build the chunk again
                // without them; the failed transaction changed nothing, so the snapshot still holds.
                var ids = session.NewOutcomes.Select(o => o.EventId).ToList();
                var found = await _store.ReadOutcomesAsync(walletId, ids, cancellationToken);
                if (found.Count == 0)
                {
                    throw;
                }

                foreach (var (id, outcome) in found)
                {
                    known[id] = outcome;
                }

                continue;
            }

            foreach (var outcome in session.NewOutcomes)
            {
                done[outcome.EventId] = new UsageResult(outcome, Duplicate: false);
                lane.Recent.Add(outcome.EventId, outcome);
            }

            for (var k = start; k < start + consumed; k++)
            {
                var id = todo[k].Charge.EventId;
                if (!done.ContainsKey(id))
                {
                    var earlier = known.TryGetValue(id, out var o) ? o : lane.Recent.TryGet(id, out var r) ? r : null;
                    done[id] = new UsageResult(earlier ?? throw new InvalidOperationException($"Event {id} has no outcome."), Duplicate: true);
                }
            }

            return consumed;
        }
    }

    private async Task CommitAsync(Lane lane, WalletSnapshot snapshot, WalletSession session, CancellationToken cancellationToken)
    {
        try
        {
            // Webhooks: a commit that emits events (never plain usage) marks its wallet for the sweeper first; the store
            // writes the events' outbox row in the commit itself.
            var emits = _webhooks is not null && session.HasWebhookEvents;
            if (emits)
            {
                await _webhooks!.MarkAsync(TableNames.Wallets, snapshot.Head.WalletId, snapshot.Head.OrgId, cancellationToken);
            }

            _faults?.Hit(FaultPoint.BeforeWalletCommit);
            lane.Snapshot = await _store.CommitAsync(snapshot, session, cancellationToken);
            if (emits)
            {
                _webhooks!.Committed(TableNames.Wallets, snapshot.Head.WalletId);
            }

            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _entities, session.OperationCount);

            // The one place every wallet change passes (usage, holds, expiries, voids, grants): a committed crossing of
            // the auto top-up threshold is handed on here, from the two heads of the commit, without any read.
            if (_crossings is not null && ThresholdCrossing.Between(snapshot.Head, session.Head) is { } crossing)
            {
                _crossings.OnCrossed(crossing);
            }
        }
        catch (Exception e) when (StorageFailure.IsConflict(e))
        {
            LogConflict(_logger, snapshot.Head.WalletId);
            lane.Snapshot = null; // someone else wrote: the next attempt reads again
            throw;
        }
        catch (Exception e) when (!StorageFailure.IsAlreadyExists(e))
        {
            lane.Snapshot = null;
            throw;
        }
    }

    /// <summary>
    /// Closes everything due on the wallet (holds past their ttl, expired grants), in as many transactions as it takes.
    /// Returns how many holds and grants it closed. The expiry sweep's per-wallet step.
    /// </summary>
    public async Task<int> CloseDueAsync(string walletId, CancellationToken cancellationToken)
    {
        var lane = LaneOf(walletId);
        await lane.Gate.WaitAsync(cancellationToken);
        try
        {
            var closed = 0;
            await _concurrency.ExecuteAsync(
                async ct => await CloseDueAsync(lane, await CurrentAsync(lane, walletId, ct), n => closed += n, ct),
                cancellationToken);
            return closed;
        }
        finally
        {
            lane.Gate.Release();
        }
    }

    /// <summary>
    /// Closes what is due (holds past their ttl, expired grants) in transactions of their own before a decision, so
    /// the decision starts from an empty transaction and its own operations always fit the 100-operation limit. Costs
    /// nothing when nothing is due (no write). <paramref name="onClosed"/> hears how many each committed pass closed.
    /// </summary>
    private async Task<WalletSnapshot> CloseDueAsync(Lane lane, WalletSnapshot snapshot, Action<int>? onClosed, CancellationToken cancellationToken)
    {
        for (var pass = 0; pass < MaxExpiryPasses; pass++)
        {
            var session = snapshot.StartSession();
            var closed = session.ExpireDue(_clock.GetUtcNow());
            if (closed == 0 || !session.HeadChanged)
            {
                return snapshot;
            }

            await CommitAsync(lane, snapshot, session, cancellationToken);
            onClosed?.Invoke(closed);
            snapshot = lane.Snapshot ?? throw new InvalidOperationException("A committed wallet has no snapshot.");
        }

        return snapshot;
    }

    private const int MaxExpiryPasses = 100;

    private async Task<WalletSnapshot> CurrentAsync(Lane lane, string walletId, CancellationToken cancellationToken)
    {
        if (lane.Snapshot is { } cached)
        {
            return cached;
        }

        var loaded = await _store.LoadAsync(walletId, cancellationToken)
            ?? throw new WalletNotFoundException(walletId);
        lane.Snapshot = loaded;
        return loaded;
    }

    /// <summary>Forgets the cached state of a wallet (the next change reads it again).</summary>
    public void Invalidate(string walletId)
    {
        if (_lanes.TryGetValue(walletId, out var lane))
        {
            lane.Snapshot = null;
        }
    }

    private Lane LaneOf(string walletId) => _lanes.GetOrAdd(walletId, _ => new Lane(_clock));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Wallet {WalletId} was changed by another writer; re-reading")]
    private static partial void LogConflict(ILogger logger, string walletId);

    private sealed class Lane(TimeProvider clock)
    {
        private Cached? _cached;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public ConcurrentQueue<PendingUsage> Pending { get; } = new();

        /// <summary>The wallet as this process last read or wrote it (null: read it again). Set under the gate.</summary>
        public WalletSnapshot? Snapshot
        {
            get => _cached?.Snapshot;
            set => _cached = value is null ? null : new Cached(value, clock.GetUtcNow());
        }

        /// <summary>The snapshot with the time it was taken, read in one step (readers outside the gate use this).</summary>
        public Cached? Current => _cached;

        public RecentEvents Recent { get; } = new(RecentEventsPerWallet);
    }

    private sealed record Cached(WalletSnapshot Snapshot, DateTimeOffset At);

    private sealed class PendingUsage(IReadOnlyList<UsageCharge> charges)
    {
        public IReadOnlyList<UsageCharge> Charges { get; } = charges;

        public TaskCompletionSource<IReadOnlyList<UsageResult>> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A bounded memory of outcomes this process committed: skips a redelivery without a failed write.</summary>
    private sealed class RecentEvents(int capacity)
    {
        private readonly Dictionary<string, EventOutcome> _byId = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();

        public bool TryGet(string eventId, out EventOutcome outcome) => _byId.TryGetValue(eventId, out outcome!);

        public void Add(string eventId, EventOutcome outcome)
        {
            if (_byId.TryAdd(eventId, outcome))
            {
                _order.Enqueue(eventId);
                if (_order.Count > capacity)
                {
                    _byId.Remove(_order.Dequeue());
                }
            }
        }
    }
}
