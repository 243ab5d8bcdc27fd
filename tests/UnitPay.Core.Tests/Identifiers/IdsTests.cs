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
        Assert.True(string.CompareOrdinal(WalletRows.LedgerKey(10), WalletRows.LedgerKey(9)) < 0);
        Assert.True(string.CompareOrdinal(WalletRows.LedgerKey(1), WalletRows.PrefixEnd(WalletRows.LedgerPrefix)) < 0);
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
