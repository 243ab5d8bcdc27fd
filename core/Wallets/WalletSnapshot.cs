using Azure;
using UnitPay.Core.Grants;
using UnitPay.Core.Reservations;

namespace UnitPay.Core.Wallets;

/// <summary>A wallet as read from the store: the head with the ETag that guards the next write, its open grants and open holds.</summary>
public sealed record WalletSnapshot(
    WalletHead Head,
    ETag HeadETag,
    IReadOnlyDictionary<string, (Grant Grant, ETag ETag)> OpenGrants,
    IReadOnlyDictionary<string, (Hold Hold, ETag ETag)> OpenHolds)
{
    public WalletSession StartSession() => new(Head, OpenGrants.Values.Select(g => g.Grant), OpenHolds.Values.Select(h => h.Hold));
}
