using System.Globalization;
using UnitPay.Core.Identifiers;

namespace UnitPay.Core.Subscriptions;

/// <summary>
/// Ids of the grants subscriptions issue. They derive from what the grant is for, so every writer computes the same
/// id and the store refuses a second insert: <c>grant_{wallet}{hash}</c>, where the hash covers (subscription, rule,
/// instant) for a cycle grant, and the parent grant for a rollover grant. The wallet part keeps
/// <see cref="Wallets.CreditAccountService.TryWalletOfGrant"/> working.
/// </summary>
public static class CycleGrantIds
{
    private const int UniqueLength = 26;

    public static string ForRule(string walletId, string subscriptionId, int ruleIndex, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(walletId);
        var unique = Ids.Derived("grant", subscriptionId, ruleIndex.ToString(CultureInfo.InvariantCulture), Instant(at));
        return "grant_" + walletId["cacc_".Length..] + unique["grant_".Length..][..UniqueLength];
    }

    public static string RolloverOf(string parentGrantId)
    {
        ArgumentNullException.ThrowIfNull(parentGrantId);
        var wallet = parentGrantId.Substring("grant_".Length, UniqueLength);
        var unique = Ids.Derived("grant", parentGrantId, "rollover");
        return "grant_" + wallet + unique["grant_".Length..][..UniqueLength];
    }

    /// <summary>The source reference every grant of one subscription rule carries (rollover grants included).</summary>
    public static string SourceRef(string subscriptionId, int ruleIndex) =>
        subscriptionId + "/" + ruleIndex.ToString(CultureInfo.InvariantCulture);

    internal static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
