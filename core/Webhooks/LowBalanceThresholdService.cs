using UnitPay.Core.Money;
using UnitPay.Core.Results;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Webhooks;

/// <summary>
/// Sets a credit account's low-balance threshold (<c>credit.balance_low</c> fires when a commit takes the available
/// balance from above it to at or below it). Cached on the wallet head, written in one wallet transaction.
/// </summary>
public sealed class LowBalanceThresholdService(WalletEngine engine)
{
    public async Task<Outcome<WalletHead>> SetAsync(string orgId, string walletId, long? threshold, CancellationToken cancellationToken)
    {
        if (threshold is { } t && (t < 0 || t > AmountLimits.MaxBalance))
        {
            return Failure.Validation("threshold", $"threshold is a whole number from 0 to {AmountLimits.MaxBalance}, or null to remove it.");
        }

        if (await engine.ReadOwnedAsync(orgId, walletId, cancellationToken) is null)
        {
            return Failure.NotFound($"Credit account '{walletId}'");
        }

        return await engine.MutateAsync(walletId, (session, now) =>
        {
            session.SetLowBalanceThreshold(threshold, now);
            return session.Head;
        }, cancellationToken);
    }
}
