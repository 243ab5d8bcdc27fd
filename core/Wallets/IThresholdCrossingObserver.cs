namespace UnitPay.Core.Wallets;

/// <summary>
/// Hears of every <see cref="ThresholdCrossing"/> a <see cref="WalletEngine"/> commits: <see cref="RecordAsync"/> before
/// the commit that makes it (durably, so a crash after the commit loses nothing; crossings are rare, so this costs the
/// hot path nothing), <see cref="OnCrossed"/> after it. Both run inside the wallet's lane.
/// </summary>
public interface IThresholdCrossingObserver
{
    /// <summary>Records a crossing the next commit will make (the commit may still fail: a recorded crossing is a candidate, checked when replayed).</summary>
    Task RecordAsync(ThresholdCrossing crossing, CancellationToken cancellationToken);

    /// <summary>The crossing is committed: hand it on at once (never do the work here).</summary>
    void OnCrossed(ThresholdCrossing crossing);
}
