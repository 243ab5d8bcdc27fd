using UnitPay.Core.Deduction;
using UnitPay.Core.Grants;

namespace UnitPay.Core.Wallets;

/// <summary>
/// A wallet as a reader sees it at a moment: grants past their expiry count as gone even before the expiry timer
/// (or the next change) writes their EXPIRE entry; only credits held by open holds outlive their grant's expiry, and
/// only for their hold.
/// </summary>
public sealed record WalletView(WalletHead Head, IReadOnlyList<Grant> OpenGrants, long Balance, long Reserved)
{
    public long Available => Balance - Reserved;

    public long Deficit => Head.Deficit;

    public static WalletView At(WalletSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var grants = snapshot.OpenGrants.Values.Select(g => g.Grant).ToList();
        var expiredButOpen = grants.Where(g => g.IsExpiredAt(now)).Sum(g => g.Free);
        var open = grants.Where(g => !g.IsExpiredAt(now))
            .OrderBy(g => g.ToBalance(), FifoDeduction.SpendingOrder)
            .ToList();
        return new WalletView(snapshot.Head, open, snapshot.Head.Balance - expiredButOpen, snapshot.Head.Reserved);
    }

    /// <summary>What usage could spend now: the free (not held) credits of effective, unexpired grants.</summary>
    public long Spendable(DateTimeOffset now) =>
        FifoDeduction.SpendableTotal(OpenGrants.Select(g => g.ToBalance()), now);

    /// <summary>What usage could take now when overage up to <paramref name="overageLimit"/> is allowed.</summary>
    public long Coverable(DateTimeOffset now, long overageLimit) =>
        Spendable(now) + Math.Max(0, overageLimit - Head.Deficit);
}
