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

    /// <summary>
    /// A new id of an object that lives in a wallet partition (<c>grant_</c>, <c>hold_</c>): the wallet's id suffix
    /// followed by a unique part, so the object's wallet is found from its id alone, without an index.
    /// </summary>
    public static string NewScopedId(string prefix, string walletId, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(walletId);
        return prefix + "_" + walletId[WalletPrefix.Length..] + Ids.New("x", clock)[2..];
    }

    /// <summary>The wallet of an id made by <see cref="NewScopedId"/>; false when the id is not of that shape.</summary>
    public static bool TryWalletOf(string prefix, string id, out string walletId)
    {
        walletId = string.Empty;
        if (!Ids.HasPrefix(id, prefix) || id.Length != prefix.Length + 1 + 52)
        {
            return false;
        }

        walletId = string.Concat(WalletPrefix, id.AsSpan(prefix.Length + 1, 26));
        return true;
    }

    private const string WalletPrefix = "cacc_";

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
            // Keyed by the wallet id (unique everywhere), not by the currency id that every customer's row would
            // share: Azurite finds an entity by row key and then scans every row with that key (WalletRows' remarks).
            new TableEntity(orgId + "|" + customerId, walletId) { ["WalletId"] = walletId, ["CurrencyId"] = currencyId },
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
        if (!TableKeys.IsValid(orgId + "|" + customerId))
        {
            return result; // no customer has such an id
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {orgId + "|" + customerId}");
        await foreach (var row in _index.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add((row.GetString("CurrencyId") ?? throw new InvalidDataException($"Directory row {row.PartitionKey}/{row.RowKey} has no CurrencyId."), row.GetString("WalletId")));
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return result;
    }
}
