using System.Collections.Concurrent;
using Azure.Data.Tables;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Wallets;

/// <summary>
/// Where a customer's wallets are. A wallet's id derives from (organization, customer, credit currency), so
/// every writer computes the same id and a wallet can never be created twice; the directory row lists it under its
/// customer so the wallets of a customer can be read without a scan.
/// </summary>
public sealed class WalletDirectory(StorageAccount storage, WalletEngine engine, TimeProvider clock)
{
    private readonly TableClient _index = storage.Table(TableNames.CustomerWallets);
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    public static string WalletIdFor(string orgId, string customerId, string currencyId) =>
        Ids.Derived("cacc", orgId, customerId, currencyId);

    /// <summary>Creates the wallet (and its directory row) if needed, and returns its id.</summary>
    public async Task<string> EnsureAsync(string orgId, string customerId, string currencyId, CancellationToken cancellationToken)
    {
        var walletId = WalletIdFor(orgId, customerId, currencyId);
        if (_known.ContainsKey(walletId))
        {
            return walletId;
        }

        // The directory row first: a wallet that exists is always listed (a listed wallet that does not exist yet reads as empty).
        await _index.UpsertEntityAsync(
            new TableEntity(orgId + "|" + customerId, currencyId) { ["WalletId"] = walletId },
            TableUpdateMode.Replace,
            cancellationToken);
        var now = clock.GetUtcNow();
        await engine.EnsureWalletAsync(
            new WalletHead
            {
                WalletId = walletId,
                OrgId = orgId,
                CustomerId = customerId,
                CurrencyId = currencyId,
                CreatedAt = now,
                UpdatedAt = now,
            },
            cancellationToken);
        _known[walletId] = true;
        return walletId;
    }

    /// <summary>The customer's wallets: (credit currency id, wallet id).</summary>
    public async Task<IReadOnlyList<(string CurrencyId, string WalletId)>> ListAsync(string orgId, string customerId, CancellationToken cancellationToken)
    {
        var result = new List<(string, string)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {orgId + "|" + customerId}");
        await foreach (var row in _index.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add((row.RowKey, row.GetString("WalletId")));
        }

        return result;
    }
}
