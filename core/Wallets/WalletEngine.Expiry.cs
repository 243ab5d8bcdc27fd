namespace UnitPay.Core.Wallets;

/// <summary>The close-out of what is due on a wallet (holds past their ttl, expired grants), before decisions and for the sweep.</summary>
public sealed partial class WalletEngine
{
    private const int MaxExpiryPasses = 100;

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
            using var lease = await _storeLimit.AcquireAsync(cancellationToken);
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
    private async Task<WalletSnapshot> CloseDueAsync(WalletLane lane, WalletSnapshot snapshot, Action<int>? onClosed, CancellationToken cancellationToken)
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
}
