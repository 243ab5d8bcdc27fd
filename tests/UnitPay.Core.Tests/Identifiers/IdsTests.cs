using Microsoft.Extensions.Time.Testing;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Ledger;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Tests.Identifiers;

public sealed class IdsTests
{
    [Fact]
    public void Derived_ids_are_stable_and_distinct_per_parts()
    {
        Assert.Equal(Ids.Derived("cacc", "org", "cus", "cur"), Ids.Derived("cacc", "org", "cus", "cur"));
        Assert.NotEqual(Ids.Derived("cacc", "org", "cus", "cur"), Ids.Derived("cacc", "org", "cu", "scur"));
        Assert.True(Ids.HasPrefix(Ids.Derived("cacc", "x"), "cacc"));
    }

    [Fact]
    public void New_ids_sort_by_creation_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var first = Ids.New("evt", clock);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = Ids.New("evt", clock);

        Assert.True(string.CompareOrdinal(first, second) < 0);
        Assert.Equal(30, first.Length);
    }

    [Fact]
    public void Ledger_entry_ids_name_their_wallet_and_sequence()
    {
        var wallet = Ids.Derived("cacc", "w");
        var id = WalletRows.LedgerEntryId(wallet, 42);

        Assert.True(WalletRows.TryParseLedgerEntryId(id, out var parsedWallet, out var sequence));
        Assert.Equal((wallet, 42L), (parsedWallet, sequence));
    }

    [Fact]
    public void Ledger_keys_read_newest_first()
    {
        Assert.True(string.CompareOrdinal(WalletRows.LedgerKey("cacc_w", 10), WalletRows.LedgerKey("cacc_w", 9)) < 0);
        Assert.True(string.CompareOrdinal(WalletRows.LedgerKey("cacc_w", 100), WalletRows.LedgerKey("cacc_w", 99)) < 0);
        Assert.True(string.CompareOrdinal(WalletRows.LedgerKey("cacc_w", 1), WalletRows.PrefixEnd(WalletRows.LedgerPrefix)) < 0);
        Assert.True(string.CompareOrdinal(WalletRows.LedgerKey("cacc_w", long.MaxValue - 1), WalletRows.LedgerPrefix) > 0);
    }

    [Fact]
    public void No_two_wallets_share_a_head_or_page_row_key_and_the_head_is_in_no_prefix_range()
    {
        // Azurite finds an entity by row key first and then scans every row with that key: a key shared by all
        // wallets made each write cost a scan over all of them (WalletRows' remarks).
        Assert.NotEqual(WalletRows.HeadKey("cacc_a"), WalletRows.HeadKey("cacc_b"));
        Assert.NotEqual(WalletRows.LedgerKey("cacc_a", 1), WalletRows.LedgerKey("cacc_b", 1));
        Assert.True(WalletRows.IsHeadKey(WalletRows.HeadKey("cacc_a")));
        var head = WalletRows.HeadKey("cacc_a");
        foreach (var prefix in new[] { WalletRows.GrantPrefix, WalletRows.LedgerPrefix, WalletRows.EventPrefix, WalletRows.HoldPrefix })
        {
            var inside = string.CompareOrdinal(head, prefix) >= 0 && string.CompareOrdinal(head, WalletRows.PrefixEnd(prefix)) < 0;
            Assert.False(inside, $"the head key falls in the {prefix} range");
            Assert.False(WalletRows.IsHeadKey(prefix + "x"));
        }
    }

    [Theory]
    [InlineData(LedgerReason.UsageDeduction, "USAGE_DEDUCTION")]
    [InlineData(LedgerReason.Grant, "GRANT")]
    [InlineData(LedgerReason.PackagePurchase, "PACKAGE_PURCHASE")]
    public void Ledger_reasons_have_screaming_snake_wire_names(LedgerReason reason, string wire)
    {
        Assert.Equal(wire, LedgerNames.ToWire(reason));
        Assert.True(LedgerNames.TryParseReason(wire, out var parsed));
        Assert.Equal(reason, parsed);
    }
}
