namespace UnitPay.Core.Storage;

/// <summary>
/// Bounds how many wallet transactions this process has in flight against the store, and adapts the bound to how
/// well the store answers (AIMD, as TCP's congestion window): every answer faster than <see cref="AdaptiveLimitOptions.TargetLatency"/>
/// while the bound was in use adds 1/limit (about one more slot per round of answers); an answer slower than the
/// target, or a throttling answer (503, timeout), cuts the bound by <see cref="AdaptiveLimitOptions.Backoff"/>, at
/// most once per answer-time so one congested moment is one cut. Waiters are served first come, first served.
/// <para>
/// Why: a store (Azurite's one thread, an Azure partition server) answers a few transactions at once best; thousands
/// at once only queue inside it, each waiting for all the others (a transaction p99 of seconds). Waiting here
/// instead lets a wallet's usage gather while its turn comes (see <c>WalletEngine.ApplyUsageAsync</c>), so a busy
/// store gets fewer, larger transactions. The bound changes nothing about what is written: each transaction is the
/// same ETag-guarded write.
/// </para>
/// </summary>
public sealed class AdaptiveConcurrencyLimit
{
    private readonly object _sync = new();
    private readonly LinkedList<TaskCompletionSource<Lease>> _waiters = new();
    private readonly AdaptiveLimitOptions _options;
    private readonly TimeProvider _clock;
    private double _limit;
    private int _inFlight;
    private long _lastCut;

    public AdaptiveConcurrencyLimit(AdaptiveLimitOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        if (options.MinLimit < 1 || options.MaxLimit < options.MinLimit || options.InitialLimit < options.MinLimit || options.InitialLimit > options.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Limits must satisfy 1 <= min <= initial <= max.");
        }

        if (options.Backoff is <= 0 or >= 1 || options.TargetLatency <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Backoff must be in (0, 1) and the target latency positive.");
        }

        _options = options;
        _clock = clock;
        _limit = options.InitialLimit;
        _lastCut = long.MinValue / 2;
    }

    /// <summary>The current bound on transactions in flight.</summary>
    public int Limit
    {
        get
        {
            lock (_sync)
            {
                return CurrentLimit;
            }
        }
    }

    /// <summary>Leases held now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Callers waiting for a lease now.</summary>
    public int Waiting
    {
        get
        {
            lock (_sync)
            {
                return _waiters.Count;
            }
        }
    }

    private int CurrentLimit => (int)Math.Floor(_limit);

    /// <summary>Waits for a slot. Dispose the lease when the work it covers is done (answered or failed).</summary>
    public ValueTask<Lease> AcquireAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<Lease> waiter;
        LinkedListNode<TaskCompletionSource<Lease>> node;
        lock (_sync)
        {
            if (_waiters.Count == 0 && _inFlight < CurrentLimit)
            {
                _inFlight++;
                return ValueTask.FromResult(new Lease(this));
            }

            waiter = new TaskCompletionSource<Lease>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast(waiter);
        }

        return new ValueTask<Lease>(WaitAsync(waiter, node, cancellationToken));
    }

    /// <summary>
    /// One answer from the store, taken under a lease: its latency, and whether the store said it was too busy
    /// (throttled or timed out). Grows or cuts the bound.
    /// </summary>
    public void Observe(TimeSpan latency, bool throttled = false)
    {
        var now = _clock.GetTimestamp();
        lock (_sync)
        {
            if (throttled || latency > _options.TargetLatency)
            {
                // One cut per congested moment: answers already in flight when the bound was cut come back slow too.
                if (_clock.GetElapsedTime(_lastCut, now) >= latency)
                {
                    _limit = Math.Max(_options.MinLimit, _limit * _options.Backoff);
                    _lastCut = now;
                }
            }
            else if (_inFlight >= CurrentLimit || _waiters.Count > 0)
            {
                // Only a bound in use is evidence that more would help.
                _limit = Math.Min(_options.MaxLimit, _limit + (1.0 / _limit));
            }

            GrantWaiting();
        }
    }

    private async Task<Lease> WaitAsync(TaskCompletionSource<Lease> waiter, LinkedListNode<TaskCompletionSource<Lease>> node, CancellationToken cancellationToken)
    {
        await using (cancellationToken.Register(() =>
        {
            bool removed;
            lock (_sync)
            {
                removed = node.List is not null;
                if (removed)
                {
                    _waiters.Remove(node);
                }
            }

            if (removed)
            {
                waiter.TrySetCanceled(cancellationToken);
            }
        }))
        {
            return await waiter.Task;
        }
    }

    private void Release()
    {
        lock (_sync)
        {
            _inFlight--;
            GrantWaiting();
        }
    }

    /// <summary>Hands free slots to the longest waiters. Called under the lock.</summary>
    private void GrantWaiting()
    {
        while (_waiters.First is { } first && _inFlight < CurrentLimit)
        {
            _waiters.RemoveFirst();
            _inFlight++;
            first.Value.TrySetResult(new Lease(this));
        }
    }

    /// <summary>A slot in flight; disposing it frees the slot (once).</summary>
    public sealed class Lease : IDisposable
    {
        private AdaptiveConcurrencyLimit? _owner;

        internal Lease(AdaptiveConcurrencyLimit owner) => _owner = owner;

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Release();
    }
}

/// <summary>The bounds and the latency target of an <see cref="AdaptiveConcurrencyLimit"/>.</summary>
public sealed record AdaptiveLimitOptions
{
    /// <summary>An answer slower than this means the store is queueing: the bound is cut.</summary>
    public TimeSpan TargetLatency { get; init; } = TimeSpan.FromMilliseconds(250);

    public int InitialLimit { get; init; } = 16;

    /// <summary>
    /// The bound never goes below this: on a machine whose CPUs are shared, answers slow down for reasons a smaller
    /// bound does not cure, and a bound of one or two starves wallets that need a transaction each.
    /// </summary>
    public int MinLimit { get; init; } = 8;

    public int MaxLimit { get; init; } = 256;

    /// <summary>What a cut multiplies the bound by.</summary>
    public double Backoff { get; init; } = 0.75;
}
