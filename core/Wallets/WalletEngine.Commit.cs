using Microsoft.Extensions.Logging;
using UnitPay.Core.Faults;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Wallets;

/// <summary>The one place every wallet change is committed: one ETag-guarded transaction, then the lane's cache and counters.</summary>
public sealed partial class WalletEngine
{
    /// <summary>
    /// Commits <paramref name="session"/>'s changes over <paramref name="snapshot"/> (the rows are assembled by
    /// <see cref="WalletStore.CommitAsync"/>) and keeps the result as the lane's snapshot. A lost race (412) or any
    /// other failure forgets the cached snapshot, so the next attempt reads again; a 409 (an event marker exists)
    /// keeps it, since the failed transaction changed nothing.
    /// </summary>
    private async Task CommitAsync(WalletLane lane, WalletSnapshot snapshot, WalletSession session, CancellationToken cancellationToken)
    {
        var started = _clock.GetTimestamp();
        try
        {
            // Webhooks: a commit that emits events (never plain usage) marks its wallet for the sweeper first; the store
            // writes the events' outbox row in the commit itself.
            var emits = _webhooks is not null && session.HasWebhookEvents;
            if (emits)
            {
                await _webhooks!.MarkAsync(TableNames.Wallets, snapshot.Head.WalletId, snapshot.Head.OrgId, cancellationToken);
            }

            // Auto top-up: a commit that crosses the threshold records the crossing first (the same two heads decide
            // it, without any read), so a stop between the commit and the firing leaves it for the sweeper.
            var crossing = _crossings is not null ? ThresholdCrossing.Between(snapshot.Head, session.Head) : null;
            if (crossing is not null)
            {
                await _crossings!.RecordAsync(crossing, cancellationToken);
            }

            _faults?.Hit(FaultPoint.BeforeWalletCommit);
            started = _clock.GetTimestamp(); // the bound learns the store's answer time, not the mark's
            lane.Snapshot = await _store.CommitAsync(snapshot, session, cancellationToken);
            _storeLimit.Observe(_clock.GetElapsedTime(started));
            if (emits)
            {
                _webhooks!.Committed(TableNames.Wallets, snapshot.Head.WalletId);
            }

            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _entities, session.OperationCount);

            // The one place every wallet change passes (usage, holds, expiries, voids, grants): a committed crossing of
            // the auto top-up threshold is handed on here.
            if (crossing is not null)
            {
                _faults?.Hit(FaultPoint.AfterCrossingCommit);
                _crossings!.OnCrossed(crossing);
            }
        }
        catch (Exception e) when (Observed(started, e))
        {
            throw; // never taken: the filter only tells the store bound about the failed answer
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

    /// <summary>Tells the store bound how long a failed commit took, and whether the store was too busy; always false (a filter with a side effect).</summary>
    private bool Observed(long started, Exception e)
    {
        _storeLimit.Observe(_clock.GetElapsedTime(started), StorageFailure.IsTransient(e));
        return false;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Wallet {WalletId} was changed by another writer; re-reading")]
    private static partial void LogConflict(ILogger logger, string walletId);
}
