using UnitPay.Core.Deduction;
using UnitPay.Core.Grants;

namespace UnitPay.Core.Wallets;

/// <summary>
/// A wallet as a reader sees it at a moment: grants past their expiry count as gone even before the expiry timer
/// (or the next change) writes their EXPIRE entry.
/// </summary>
public sealed record WalletView(WalletHead Head, IReadOnlyList<Grant> OpenGrants, long Balance, long Reserved)
{
    public long Available => Balance - Reserved;

    public static WalletView At(WalletSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var grants = snapshot.OpenGrants.Values.Select(g => g.Grant).ToList();
        var expiredButOpen = grants.Where(g => g.IsExpiredAt(now)).Sum(g => g.Remaining);
        var open = grants.Where(g => !g.IsExpiredAt(now))
            .OrderBy(g => new GrantBalance(g.Id, g.Remaining, g.Priority, g.EffectiveAt, g.ExpiresAt), FifoDeduction.SpendingOrder)
            .ToList();
        return new WalletView(snapshot.Head, open, snapshot.Head.Balance - expiredButOpen, snapshot.Head.Reserved);
    }

    /// <summary>What usage could spend now: effective grants' remaining, less what holds protect.</summary>
    public long Spendable(DateTimeOffset now) =>
        FifoDeduction.SpendableTotal(OpenGrants.Select(g => new GrantBalance(g.Id, g.Remaining, g.Priority, g.EffectiveAt, g.ExpiresAt)), now) - Reserved;
}
