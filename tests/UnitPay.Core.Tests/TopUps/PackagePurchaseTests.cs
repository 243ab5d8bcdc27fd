using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Packages;
using UnitPay.Core.Results;
using UnitPay.Core.TopUps;
using static UnitPay.Core.Tests.TopUps.MoneyWorld;

namespace UnitPay.Core.Tests.TopUps;

/// <summary>Credit packages: validation, listing and archiving, and purchases granted at the package priority with its expiry and reason.</summary>
public sealed class PackagePurchaseTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_purchase_grants_the_package_credits_at_priority_50_expiring_after_expiresAfter_with_reason_PACKAGE_PURCHASE()
    {
        var world = await StartAsync();
        var credits = await world.CurrencyAsync("unit");
        var ada = await world.CustomerAsync();
        var package = await Ok(world.Packages.CreateAsync(Org, new CreditPackageDraft("Starter", credits.Id, 1000, new CreditPackagePriceDraft(999, "USD"), "P1M"), None));
        var boughtAt = world.Clock.GetUtcNow();

        var settled = await Ok(world.TopUps.PurchasePackageAsync(Org, new PackagePurchaseRequest { PackageId = package.Id, CustomerId = ada.Id }, None));
        await world.DeliverWebhooksAsync();

        Assert.Equal((TopUpSettlement.ChargedInline, package.Id, 1000L), (settled.Kind, settled.TopUp.PackageId, settled.TopUp.Amount));
        Assert.Equal((999L, "usd"), (settled.TopUp.ChargeAmount.Amount, settled.TopUp.ChargeAmount.Currency));
        var wallet = await world.RecordAsync(ada, credits);
        var grant = Assert.Single(wallet.Grants);
        Assert.Equal((GrantSource.Package, 50, boughtAt.AddMonths(1), 1000L), (grant.Source, grant.Priority, grant.ExpiresAt, grant.Amount));
        var entry = Assert.Single(wallet.Ledger);
        Assert.Equal((LedgerEntryType.Credit, LedgerReason.PackagePurchase), (entry.Type, entry.Reason));
        Assert.Equal(999, Assert.Single(await world.Sandbox.ListChargesAsync(None)).Amount);
        await world.AssertAuditedAsync(ada, credits);

        // The expiry is honoured: a month later the credits are gone (closed with an EXPIRE entry on the next change).
        world.Clock.Advance(TimeSpan.FromDays(32));
        Assert.Equal(1, await world.Engine.CloseDueAsync(WalletOf(ada, credits), None));
        Assert.Equal(0, await world.BalanceAsync(ada, credits));
    }

    [Fact]
    public async Task A_package_of_another_currency_unknown_or_archived_is_refused()
    {
        var world = await StartAsync();
        var credits = await world.CurrencyAsync("unit");
        var other = await world.CurrencyAsync("unit");
        var ada = await world.CustomerAsync();
        var package = await Ok(world.Packages.CreateAsync(Org, new CreditPackageDraft("Starter", credits.Id, 10, new CreditPackagePriceDraft(100, "usd"), null), None));

        await Refused(world.TopUps.PurchasePackageAsync(Org, new PackagePurchaseRequest { PackageId = package.Id, CustomerId = ada.Id, CreditCurrencyId = other.Id }, None), FailureCodes.CurrencyMismatch);
        await Refused(world.TopUps.PurchasePackageAsync(Org, new PackagePurchaseRequest { PackageId = "cpkg_0000000000000000000000000a", CustomerId = ada.Id }, None), FailureCodes.NotFound);
        var archived = await Ok(world.Packages.ArchiveAsync(Org, package.Id, None));
        await Refused(world.TopUps.PurchasePackageAsync(Org, new PackagePurchaseRequest { PackageId = package.Id, CustomerId = ada.Id }, None), FailureCodes.Conflict);

        Assert.Equal(CreditPackage.Archived, archived.Status);
        Assert.Empty(await world.Sandbox.ListChargesAsync(None));
        Assert.Equal(0, await world.BalanceAsync(ada, credits));
    }

    [Fact]
    public async Task Creating_a_package_validates_every_field_at_once()
    {
        var world = await StartAsync();

        var failure = await Refused(world.Packages.CreateAsync(Org, new CreditPackageDraft("", "ccur_missing", 0, new CreditPackagePriceDraft(-1, "credits"), "one month"), None), FailureCodes.ValidationFailed);

        Assert.Equal(
            ["creditCurrencyId", "credits", "expiresAfter", "name", "price.amount", "price.currency"],
            failure.Errors!.Keys.Order(StringComparer.Ordinal));
        await Refused(world.Packages.CreateAsync(Org, new CreditPackageDraft("Big", (await world.CurrencyAsync("unit")).Id, 1, new CreditPackagePriceDraft(UnitPay.Core.Money.Price.MaxAmount + 1, "usd"), null), None), FailureCodes.ValidationFailed);
    }

    [Fact]
    public async Task Packages_list_oldest_first_by_cursor_and_hide_archived_ones_unless_asked()
    {
        var world = await StartAsync();
        var credits = await world.CurrencyAsync("unit");
        var made = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            world.Clock.Advance(TimeSpan.FromSeconds(1));
            made.Add((await Ok(world.Packages.CreateAsync(Org, new CreditPackageDraft("P" + i, credits.Id, 10 + i, new CreditPackagePriceDraft(100, "usd"), null), None))).Id);
        }

        await Ok(world.Packages.ArchiveAsync(Org, made[1], None));
        var first = await Ok(world.Packages.ListAsync(Org, new CreditPackageQuery(Limit: 2), None));
        var second = await Ok(world.Packages.ListAsync(Org, new CreditPackageQuery(Limit: 2, Cursor: first.NextCursor), None));
        var all = await Ok(world.Packages.ListAsync(Org, new CreditPackageQuery(Limit: 100, IncludeArchived: true), None));

        Assert.Equal([made[0], made[2], made[3]], first.Packages.Concat(second.Packages).Select(p => p.Id));
        Assert.Equal(made, all.Packages.Select(p => p.Id));
        Assert.Equal(made[2], (await world.Packages.GetAsync(Org, made[2], None))!.Id);
        Assert.Null(await world.Packages.GetAsync("org_other", made[2], None));
    }
}
