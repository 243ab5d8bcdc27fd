using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Wallets;

namespace UnitPay.Testing;

/// <summary>Everything stored for one wallet, read whole: the head, every grant, the ledger oldest first, every event marker.</summary>
public sealed record WalletRecord(WalletHead Head, IReadOnlyList<Grant> Grants, IReadOnlyList<LedgerEntry> Ledger, IReadOnlyList<EventOutcome> Outcomes)
{
    public static async Task<WalletRecord> ReadAsync(WalletStore store, string walletId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var snapshot = await store.LoadAsync(walletId, cancellationToken)
            ?? throw new InvalidOperationException($"Wallet {walletId} does not exist.");
        return new WalletRecord(
            snapshot.Head,
            await store.ReadAllGrantsAsync(walletId, cancellationToken),
            await store.ReadWholeLedgerAsync(walletId, cancellationToken),
            await store.ReadAllOutcomesAsync(walletId, cancellationToken));
    }
}
