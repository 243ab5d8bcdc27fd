using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Polly;
using UnitPay.Core.Faults;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Wallets;

/// <summary>
/// Applies changes to wallets. Each change is a read-decide-write cycle over one wallet partition: the decision is
/// made on a <see cref="WalletSession"/> (pure), and written by <see cref="WalletStore.CommitAsync"/> in one
/// ETag-guarded transaction. A lost race (412) re-reads and re-decides, through a jittered Polly retry.
/// <para>
/// The engine is split by concern, one file each: this one holds the reads and the per-wallet cache (a
/// <see cref="WalletLane"/> per wallet); <c>WalletEngine.Mutate.cs</c> single decisions (grants, holds, voids);
/// <c>WalletEngine.Usage.cs</c> per-wallet batching of usage (flat combining); <c>WalletEngine.Commit.cs</c> the one
/// ETag-guarded commit every change goes through; <c>WalletEngine.Expiry.cs</c> the close-out of what is due.
/// </para>
/// </summary>
public sealed partial class WalletEngine
{
    private readonly WalletStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger<WalletEngine> _logger;
    private readonly ResiliencePipeline _concurrency;
    private readonly IFaultInjector? _faults;
    private readonly IThresholdCrossingObserver? _crossings;
    private readonly Webhooks.IWebhookOutbox? _webhooks;
    private readonly AdaptiveConcurrencyLimit _storeLimit;
    private readonly ConcurrentDictionary<string, WalletLane> _lanes = new(StringComparer.Ordinal);

    /// <summary>Creates the engine; <paramref name="faults"/> is for crash tests only (<see cref="FaultPoint.BeforeWalletCommit"/>), null in production.</summary>
    /// <param name="store">The wallet partition's rows.</param>
    /// <param name="clock">The engine's time.</param>
    /// <param name="logger">Where it logs.</param>
    /// <param name="faults">Tests only: crashes injected at named points (none in production).</param>
    /// <param name="crossings">Told of every commit that crosses a wallet's auto top-up threshold (none: no auto top-up).</param>
    /// <param name="webhooks">Marked before and told after every commit that emits webhook events (none: the outbox rows wait for a sweeper).</param>
    /// <param name="storeLimit">Bounds the wallet transactions in flight (none: a bound of this engine's own, with the default options).</param>
    public WalletEngine(
        WalletStore store,
        TimeProvider clock,
        ILogger<WalletEngine> logger,
        IFaultInjector? faults = null,
        IThresholdCrossingObserver? crossings = null,
        Webhooks.IWebhookOutbox? webhooks = null,
        AdaptiveConcurrencyLimit? storeLimit = null)
    {
        _webhooks = webhooks;
        _store = store;
        _clock = clock;
        _logger = logger;
        _faults = faults;
        _crossings = crossings;
        _concurrency = StorageResilience.OptimisticConcurrency(clock);
        _storeLimit = storeLimit ?? new AdaptiveConcurrencyLimit(new AdaptiveLimitOptions(), clock);
    }

    /// <summary>The bound on this engine's wallet transactions in flight (for benchmarks and diagnostics).</summary>
    public AdaptiveConcurrencyLimit StoreLimit => _storeLimit;

    /// <summary>Transactions committed by this engine (for benchmarks and diagnostics).</summary>
    public long TransactionsCommitted => Interlocked.Read(ref _transactions);

    /// <summary>Entities written by this engine's committed transactions.</summary>
    public long EntitiesWritten => Interlocked.Read(ref _entities);

    private long _transactions;
    private long _entities;

    /// <summary>
    /// Creates the wallet if it does not exist. Returns the wallet's snapshot either way, and keeps it as the lane's,
    /// so the first change that follows does not read the wallet again. The insert comes first: a new wallet costs one
    /// request and no read (its snapshot is known: the head just written, no grants, no holds); an existing one, the
    /// refused insert and one read.
    /// </summary>
    public async Task<WalletSnapshot> EnsureWalletAsync(WalletHead head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(head);
        var lane = LaneOf(head.WalletId);
        await lane.Gate.WaitAsync(cancellationToken);
        try
        {
            if (lane.Snapshot is { } cached)
            {
                return cached;
            }

            var snapshot = await _store.TryCreateAsync(head, cancellationToken)
                ?? await _store.LoadAsync(head.WalletId, cancellationToken)
                ?? throw new InvalidOperationException($"Wallet {head.WalletId} exists but cannot be read.");
            lane.Snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            lane.Gate.Release();
        }
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

    /// <summary>Forgets the cached state of a wallet (the next change reads it again).</summary>
    public void Invalidate(string walletId)
    {
        if (_lanes.TryGetValue(walletId, out var lane))
        {
            lane.Snapshot = null;
        }
    }

    /// <summary>The lane's cached snapshot, else what is stored (which then becomes the lane's). Called under the lane's gate and a store lease.</summary>
    private async Task<WalletSnapshot> CurrentAsync(WalletLane lane, string walletId, CancellationToken cancellationToken)
    {
        if (lane.Snapshot is { } cached)
        {
            return cached;
        }

        var started = _clock.GetTimestamp();
        var loaded = await _store.LoadAsync(walletId, cancellationToken);
        _storeLimit.Observe(_clock.GetElapsedTime(started));
        if (loaded is null)
        {
            throw new WalletNotFoundException(walletId);
        }

        lane.Snapshot = loaded;
        return loaded;
    }

    private WalletLane LaneOf(string walletId) => _lanes.GetOrAdd(walletId, _ => new WalletLane(_clock));
}
