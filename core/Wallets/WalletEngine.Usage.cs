using Azure.Data.Tables;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Wallets;

/// <summary>
/// Usage on one wallet, batched: callers that arrive while the wallet's lane is busy leave their charges in the lane's
/// queue, and whoever holds the lane folds everything queued into as few transactions as the 100-operation limit
/// allows (flat combining). A lane holder first waits for a slot of the store bound (<see cref="AdaptiveConcurrencyLimit"/>),
/// so the busier the store, the more of a wallet's usage meets in one transaction. Each event is applied at most once:
/// its marker row is inserted in the same transaction.
/// </summary>
public sealed partial class WalletEngine
{
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

                // Wait for the store's turn before taking the queue: what arrives for this wallet meanwhile (other
                // messages of the same receive, the next receive) joins this transaction instead of needing its own.
                using var lease = await _storeLimit.AcquireAsync(cancellationToken);
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

    private async Task ProcessUsageAsync(WalletLane lane, string walletId, List<PendingUsage> batch, CancellationToken cancellationToken)
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
        WalletLane lane,
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
}
