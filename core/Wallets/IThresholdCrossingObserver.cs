namespace UnitPay.Core.Wallets;

/// <summary>
/// Hears of every <see cref="ThresholdCrossing"/> a <see cref="WalletEngine"/> commits. Called on the commit path, inside
/// the wallet's lane: it must return at once (hand the crossing on, never do the work).
/// </summary>
public interface IThresholdCrossingObserver
{
    void OnCrossed(ThresholdCrossing crossing);
}
