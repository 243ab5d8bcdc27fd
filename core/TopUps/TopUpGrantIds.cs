using UnitPay.Core.Identifiers;

namespace UnitPay.Core.TopUps;

/// <summary>
/// The id of an attempt's grant derives from the attempt (<c>grant_{wallet}{hash of attempt id}</c>), so every path that
/// completes the attempt (the call itself, a webhook, a retry, the sweeper) names the same grant, and the wallet's
/// store refuses to insert it twice.
/// </summary>
public static class TopUpGrantIds
{
    public static string For(string walletId, string attemptId)
    {
        ArgumentNullException.ThrowIfNull(walletId);
        return "grant_" + walletId["cacc_".Length..] + Ids.Derived("grant", attemptId, "topup")["grant_".Length..][..26];
    }
}
