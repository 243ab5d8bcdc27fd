using System.Collections.Concurrent;

namespace UnitPay.Core.Wallets;

/// <summary>
/// One wallet's place in this process's engine: a gate (one change at a time), the usage waiting for the gate, the
/// snapshot this process last read or wrote (so a busy wallet is not re-read before every write; the head ETag still
/// guards every write against other processes), and the outcomes it committed lately.
/// </summary>
internal sealed class WalletLane(TimeProvider clock)
{
    /// <summary>How many committed event outcomes a lane remembers, to skip redeliveries without a failed write.</summary>
    public const int RecentEventsPerWallet = 50_000;

    private CachedSnapshot? _cached;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public ConcurrentQueue<PendingUsage> Pending { get; } = new();

    /// <summary>The wallet as this process last read or wrote it (null: read it again). Set under the gate.</summary>
    public WalletSnapshot? Snapshot
    {
        get => _cached?.Snapshot;
        set => _cached = value is null ? null : new CachedSnapshot(value, clock.GetUtcNow());
    }

    /// <summary>The snapshot with the time it was taken, read in one step (readers outside the gate use this).</summary>
    public CachedSnapshot? Current => _cached;

    public RecentEvents Recent { get; } = new(RecentEventsPerWallet);
}

/// <summary>A snapshot and when this process took it.</summary>
internal sealed record CachedSnapshot(WalletSnapshot Snapshot, DateTimeOffset At);

/// <summary>Usage one caller left in a lane's queue, and where its results go once a lane holder has applied it.</summary>
internal sealed class PendingUsage(IReadOnlyList<UsageCharge> charges)
{
    public IReadOnlyList<UsageCharge> Charges { get; } = charges;

    public TaskCompletionSource<IReadOnlyList<UsageResult>> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
