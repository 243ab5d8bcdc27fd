using Azure;
using UnitPay.Core.Grants;

namespace UnitPay.Core.Wallets;

/// <summary>A wallet as read from the store: the head with the ETag that guards the next write, and its open grants.</summary>
public sealed record WalletSnapshot(WalletHead Head, ETag HeadETag, IReadOnlyDictionary<string, (Grant Grant, ETag ETag)> OpenGrants)
{
    public WalletSession StartSession() => new(Head, OpenGrants.Values.Select(g => g.Grant));
}
