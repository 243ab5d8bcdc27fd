using UnitPay.Core.Storage;

namespace UnitPay.Core.Tests.Storage;

public sealed class WalletAccountsTests
{
    private static StorageAccount Account(string name) =>
        new(new StorageOptions { ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={name};AccountKey=a2V5;TableEndpoint=http://127.0.0.1:1/{name};QueueEndpoint=http://127.0.0.1:1/{name}" });

    [Fact]
    public void One_account_holds_every_wallet()
    {
        var wallets = new WalletAccounts(Account("one"));
        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal(0, wallets.IndexOf("cacc_" + i)));
    }

    [Fact]
    public void A_wallet_always_hashes_to_the_same_account_and_wallets_spread_evenly()
    {
        var wallets = new WalletAccounts([Account("a"), Account("b"), Account("c")]);
        var again = new WalletAccounts([Account("a"), Account("b"), Account("c")]);
        var ids = Enumerable.Range(0, 3_000).Select(i => $"cacc_{i:D26}").ToList();

        // Stable across instances and processes (SHA-256 of the id, not the runtime's randomized string hash).
        Assert.Equal(ids.Select(wallets.IndexOf), ids.Select(again.IndexOf));
        // Pinned (computed independently: the first 8 bytes of SHA-256 of the UTF-8 id, big-endian, modulo 3): a change
        // here would move every deployment's wallets.
        Assert.Equal([0, 0, 0, 1, 1], new[] { "cacc_01jd3k5y7q9w2e4r6t8y0u2i4o", "cacc_a", "cacc_b", "cacc_c", "cacc_d" }.Select(wallets.IndexOf));

        var counts = ids.GroupBy(wallets.IndexOf).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([0, 1, 2], counts.Keys.Order());
        Assert.All(counts.Values, n => Assert.InRange(n, 900, 1_100));
        Assert.Same(wallets.Tables[wallets.IndexOf(ids[7])], wallets.TableOf(ids[7]));
    }

    [Fact]
    public void No_accounts_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new WalletAccounts(Array.Empty<StorageAccount>()));
    }
}
