namespace UnitPay.Core.Wallets;

/// <summary>Single decisions on one wallet (grants, holds, voids, status): decide on a session, commit what changed.</summary>
public sealed partial class WalletEngine
{
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
            using var lease = await _storeLimit.AcquireAsync(cancellationToken);
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
}
