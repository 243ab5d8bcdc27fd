using Azure.Data.Tables;
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

    /// <summary>
    /// Every wallet of a wallets table, in one pass over it (far cheaper than reading many wallets one by one where
    /// each query scans the table, as on Azurite).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, WalletRecord>> ReadTableAsync(TableClient wallets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wallets);
        var rows = new Dictionary<string, List<TableEntity>>(StringComparer.Ordinal);
        await foreach (var row in wallets.QueryAsync<TableEntity>(maxPerPage: 1_000, cancellationToken: cancellationToken))
        {
            if (!rows.TryGetValue(row.PartitionKey, out var partition))
            {
                rows[row.PartitionKey] = partition = [];
            }

            partition.Add(row);
        }

        return rows.ToDictionary(p => p.Key, p => FromRows(p.Value), StringComparer.Ordinal);
    }

    /// <summary>A wallet from the rows of its partition, each read by the engine's own mapper.</summary>
    public static WalletRecord FromRows(IReadOnlyCollection<TableEntity> partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var head = partition.Single(r => WalletRows.IsHeadKey(r.RowKey));
        IEnumerable<TableEntity> With(string prefix) => partition.Where(r => r.RowKey.StartsWith(prefix, StringComparison.Ordinal));
        return new WalletRecord(
            WalletRows.ToHead(head),
            With(WalletRows.GrantPrefix).Select(WalletRows.ToGrant).ToList(),
            With(WalletRows.LedgerPrefix).SelectMany(WalletRows.ToLedgerEntries).OrderBy(e => e.Sequence).ToList(),
            With(WalletRows.EventPrefix).Select(WalletRows.ToOutcome).ToList());
    }
}
