using Microsoft.Extensions.Time.Testing;
using UnitPay.Core.Catalog;
using UnitPay.Core.Customers;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Storage;
using UnitPay.Core.Usage;
using UnitPay.Core.Wallets;
using UnitPay.Testing;

namespace UnitPay.Core.Tests.Storage;

/// <summary>On Azurite: ids that storage would refuse in a key find nothing (or are keyed safely); they never reach storage as they are.</summary>
public sealed class StoreKeyGuardTests
{
    // Each would be refused by storage as part of a key: a forbidden character, a control character, or too long.
    public static TheoryData<string> KeysStorageRefuses => new()
    {
        "a/b", "a\\b", "a#b", "a?b", "a\u0001b", "a\u0085b", new string('x', 20_000),
    };

    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static async Task<StorageAccount> FreshStorageAsync()
    {
        var storage = new StorageAccount(new StorageOptions
        {
            ConnectionString = await SharedAzurite.ConnectionStringAsync(),
            TablePrefix = StorageNamespace.Fresh().TablePrefix,
        });
        await storage.EnsureCreatedAsync(CancellationToken.None);
        return storage;
    }

    [Theory]
    [MemberData(nameof(KeysStorageRefuses))]
    public async Task Reads_by_an_id_storage_refuses_find_nothing_instead_of_failing(string bad)
    {
        var storage = await FreshStorageAsync();
        var none = CancellationToken.None;
        Assert.Null(await new CustomerStore(storage).FindAsync("org_1", bad, none));
        Assert.Null(await new CatalogStore(storage).GetCurrencyAsync("org_1", bad, none));
        Assert.Null(await new CatalogStore(storage).GetFeatureBySlugAsync("org_1", bad, none));
        Assert.Null(await new CatalogStore(storage).GetCurrencyAsync(bad, "cur_1", none));
        Assert.Empty(await new CatalogStore(storage).ListFeaturesAsync(bad, none));
        var wallets = new WalletStore(storage, Clock);
        Assert.Null(await wallets.LoadAsync(bad, none));
        Assert.Null(await wallets.ReadGrantAsync("cacc_1", bad, none));
        Assert.Null(await wallets.ReadHoldAsync(bad, "hold_1", none));
        Assert.Null(await wallets.ReadOutcomeAsync("cacc_1", bad, none));
        Assert.Empty(await wallets.ReadOutcomesAsync("cacc_1", [bad], none));
        Assert.Empty((await wallets.ReadLedgerAsync(bad, null, 10, _ => true, none)).Entries);
        Assert.Null(await new UsageRejectionStore(storage, Clock).FindAsync("org_1", bad, none));
    }

    [Theory]
    [InlineData("https://example.com/u/7?tab=1#top")]
    [InlineData("team\\ops")]
    [InlineData("ada@example.com")]
    [InlineData("Zoë 😀 'quoted' %2F +")]
    public async Task A_customer_is_found_by_any_valid_external_id_including_characters_keys_forbid(string externalId)
    {
        var storage = await FreshStorageAsync();
        var customers = new CustomerStore(storage);
        var customer = new Customer { Id = Ids.New(IdPrefixes.Customer, Clock), Name = "Ada", ExternalId = externalId, CreatedAt = Clock.GetUtcNow() };

        Assert.True(await customers.TryCreateAsync("org_1", customer, CancellationToken.None));
        Assert.False(await customers.TryCreateAsync("org_1", customer with { Id = Ids.New(IdPrefixes.Customer, Clock) }, CancellationToken.None));
        Assert.Equal(customer.Id, (await customers.FindAsync("org_1", externalId, CancellationToken.None))?.Id);
        Assert.Equal(customer.Id, (await customers.FindAsync("org_1", customer.Id, CancellationToken.None))?.Id);
        Assert.Null(await customers.FindAsync("org_1", externalId + "x", CancellationToken.None));
    }

    [Fact]
    public async Task A_rejection_of_an_event_whose_id_storage_refuses_is_still_recorded()
    {
        var storage = await FreshStorageAsync();
        var rejections = new UsageRejectionStore(storage, Clock);

        await rejections.RecordAsync("org_1", "evt/odd", "user:1", "VALIDATION_FAILED", "eventId is not usable.", CancellationToken.None);

        Assert.Equal("VALIDATION_FAILED", (await rejections.FindAsync("org_1", UsageRejectionStore.RowKeyOf("evt/odd"), CancellationToken.None))?.Reason);
    }
}
