using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace UnitPay.Core.Storage;

/// <summary>
/// The storage accounts wallets are spread over. The first is the app's own account (which also holds the catalog,
/// customers, keys, the queues and every other table); with more than one, each wallet lives in the account its id
/// hashes to, and nothing else moves. A wallet's rows (head, grants, ledger, markers, holds, outbox) are one partition, so
/// no transaction ever spans two accounts.
/// </summary>
/// <remarks>
/// The count is part of where data is: a wallet that hashed to account 2 of 3 is not found in account 2 of 4. The
/// app records the count in its own account on first start and refuses to start with another one
/// (<see cref="CheckLayoutAsync"/>); moving wallets between accounts is a migration, not a setting change.
/// </remarks>
public sealed class WalletAccounts
{
    private readonly StorageAccount[] _accounts;
    private readonly TableClient[] _tables;

    /// <summary>Wallets over <paramref name="accounts"/>; the first is the app's own account.</summary>
    public WalletAccounts(IReadOnlyList<StorageAccount> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        if (accounts.Count == 0)
        {
            throw new ArgumentException("Wallets need at least one storage account.", nameof(accounts));
        }

        _accounts = [.. accounts];
        _tables = [.. _accounts.Select(a => a.Table(TableNames.Wallets))];
    }

    /// <summary>Every wallet in the app's own account.</summary>
    public WalletAccounts(StorageAccount account)
        : this([account])
    {
    }

    public int Count => _accounts.Length;

    /// <summary>The wallet table of every account, in account order.</summary>
    public IReadOnlyList<TableClient> Tables => _tables;

    /// <summary>The index of the account holding <paramref name="walletId"/>: a stable hash of the id (SHA-256, not the runtime's string hash), modulo the count.</summary>
    public int IndexOf(string walletId)
    {
        ArgumentNullException.ThrowIfNull(walletId);
        if (_accounts.Length == 1)
        {
            return 0;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(walletId), hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)_accounts.Length);
    }

    /// <summary>The wallet table that holds <paramref name="walletId"/>.</summary>
    public TableClient TableOf(string walletId) => _tables[IndexOf(walletId)];

    /// <summary>Creates the wallet table in every account beyond the first (the first gets all of its tables from <see cref="StorageAccount.EnsureCreatedAsync"/>).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var table in _tables.Skip(1))
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Records the number of wallet accounts in the app's own account on first start, and refuses another number later
    /// (wallets would be looked for in the wrong account). Returns the number recorded.
    /// </summary>
    public async Task<int> CheckLayoutAsync(CancellationToken cancellationToken)
    {
        var table = _accounts[0].Table(TableNames.Deployment);
        var row = new TableEntity(LayoutPartition, LayoutRow) { [LayoutColumn] = _accounts.Length };
        try
        {
            await table.AddEntityAsync(row, cancellationToken);
            return _accounts.Length;
        }
        catch (Azure.RequestFailedException e) when (StorageFailure.IsAlreadyExists(e))
        {
        }

        var recorded = (await table.GetEntityAsync<TableEntity>(LayoutPartition, LayoutRow, cancellationToken: cancellationToken)).Value.GetInt32(LayoutColumn)
            ?? throw new InvalidDataException($"The wallet layout row in {TableNames.Deployment} has no {LayoutColumn}.");
        if (recorded != _accounts.Length)
        {
            throw new WalletLayoutException(recorded, _accounts.Length);
        }

        return recorded;
    }

    private const string LayoutPartition = "wallets";
    private const string LayoutRow = "accounts";
    private const string LayoutColumn = "Accounts";
}

/// <summary>The app was started with a number of wallet accounts other than the one its data was written with.</summary>
public sealed class WalletLayoutException(int recorded, int configured)
    : InvalidOperationException($"This deployment's wallets are spread over {recorded} storage account(s), but {configured} are configured: a wallet would be looked for in the wrong account. Set the count back to {recorded}; moving wallets to another number of accounts is a migration, not a setting change.")
{
    public int Recorded { get; } = recorded;

    public int Configured { get; } = configured;
}
