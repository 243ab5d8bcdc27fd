using UnitPay.Core.Wallets;

namespace UnitPay.Core.Webhooks;

/// <summary>
/// The wallet engine's hook for webhooks. For a commit that emits events (rare: grants, expiries, a low-balance
/// crossing; never plain usage) the engine calls <see cref="MarkAsync"/> before the commit (a durable note that the
/// wallet may hold undispatched outbox rows, for the sweeper) and <see cref="Committed"/> after it (which must return
/// at once: dispatch happens off the commit path).
/// </summary>
public interface IWebhookOutbox
{
    Task MarkAsync(WalletHead head, CancellationToken cancellationToken);

    void Committed(string walletId);
}
