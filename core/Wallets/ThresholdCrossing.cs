namespace UnitPay.Core.Wallets;

/// <summary>
/// A committed change that took a wallet's available balance to or below its auto top-up threshold (or set a threshold
/// the balance already was at or below). <see cref="Sequence"/> is the head's ledger sequence after the commit: with
/// the wallet it names the crossing, so a signal handled twice names the same crossing.
/// </summary>
public sealed record ThresholdCrossing(
    string OrgId,
    string CustomerId,
    string CurrencyId,
    string WalletId,
    long Sequence,
    long AvailableBefore,
    long AvailableAfter,
    long Threshold,
    DateTimeOffset At)
{
    /// <summary>
    /// The crossing from <paramref name="before"/> to <paramref name="after"/> (two heads of one commit), or null. Costs
    /// a few comparisons: this runs after every wallet commit. The available balance only counts: <c>balance - reserved</c>.
    /// </summary>
    public static ThresholdCrossing? Between(WalletHead before, WalletHead after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (after.AutoTopUpThreshold is not { } threshold || after.Available > threshold)
        {
            return null;
        }

        if (before.AutoTopUpThreshold == threshold && before.Available <= threshold)
        {
            return null; // already at or below before this commit: the same burst, not a new crossing
        }

        return new ThresholdCrossing(
            after.OrgId, after.CustomerId, after.CurrencyId, after.WalletId, after.LastSequence, before.Available, after.Available, threshold, after.UpdatedAt);
    }
}
