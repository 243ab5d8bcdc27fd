using UnitPay.Client.Models;
using UnitPay.Client.Tests.Support;
using UnitPay.Contracts.Usage;
using UnitPay.Testing;

namespace UnitPay.Client.Tests;

/// <summary>The README's quickstart, and the money path, through the client against the real app.</summary>
public sealed class QuickstartTests
{
    [Fact]
    public async Task The_quickstart_runs_end_to_end_through_the_client()
    {
        await using var app = await TestApp.StartAsync();
        using var client = ClientFor.App(app);
        var (currencyId, slug) = await ClientFor.CatalogAsync(client, cost: 10);
        var customer = await client.CreateCustomerAsync(new("Ada", ExternalId: "user_123"));
        var grant = await client.CreateCreditGrantAsync(new("user_123", currencyId, 100));

        var first = await client.TrackAsync(new UsageEvent { CustomerId = "user_123", FeatureSlug = slug, IdempotencyKey = "req-1" });
        var again = await client.TrackAsync(new UsageEvent { CustomerId = "user_123", FeatureSlug = slug, IdempotencyKey = "req-1" });
        var eventId = Assert.Single(first.EventIds)!;
        Assert.Equal(eventId, Assert.Single(again.EventIds));

        var applied = await Poll.UntilAsync(() => client.GetUsageEventAsync(eventId, "user_123"), s => s.Status == "applied", TimeSpan.FromSeconds(30), "the event to be applied");
        var ledger = await client.ListLedgerAsync(new LedgerQuery(CustomerId: "user_123")).ToListAsync();
        var account = Assert.Single(await client.ListCreditAccountsAsync("user_123"));
        var check = await client.CheckAsync(new("user_123", slug, 9));

        Assert.Equal(customer.Id, (await client.GetCustomerAsync("user_123")).Id);
        Assert.Equal(100, grant.Amount);
        Assert.Equal([("DEBIT", 10L, 90L), ("CREDIT", 100L, 100L)], ledger.Select(e => (e.Type, e.Amount, e.BalanceAfter)));
        Assert.Equal(ledger[0].Id, Assert.Single(applied.LedgerEntryIds));
        Assert.Equal((90L, 90L, "active", currencyId), (account.Balance, account.Available, account.Status, account.CreditCurrencyId));
        Assert.Equal((true, 90L, 90L), (check.Access, check.CreditBalance, check.Required));
    }

    [Fact]
    public async Task Plans_subscriptions_reservations_and_wallet_status_work_through_the_client()
    {
        await using var app = await TestApp.StartAsync();
        using var client = ClientFor.App(app);
        var (currencyId, slug) = await ClientFor.CatalogAsync(client);
        var customer = await client.CreateCustomerAsync(new("Grace", ExternalId: "user_42"));
        var plan = await client.CreatePlanAsync(new("Free", new PlanPrice(0, "usd", "month"), [new CreditGrantRule(currencyId, 100, "per_cycle", Rollover: new RolloverPolicy(75, 2))]));
        var subscribed = await client.CreateSubscriptionAsync(new(customer.Id, plan.Id));
        var hold = await client.CreateReservationAsync(new(customer.Id, FeatureSlug: slug, Quantity: 5));
        var committed = await client.CommitReservationAsync(hold.Id, 30);
        var frozen = await client.FreezeCreditAccountAsync(hold.CreditAccountId);
        var unfrozen = await client.UnfreezeCreditAccountAsync(hold.CreditAccountId);
        var cancelled = await client.CancelSubscriptionAsync(subscribed.Subscription.Id);

        Assert.Contains(plan.Id, (await client.ListPlansAsync()).Select(p => p.Id));
        Assert.Equal(("per_cycle", 75), (plan.CreditGrantRules[0].Cadence, plan.CreditGrantRules[0].Rollover!.Percentage));
        Assert.Equal(("created_no_charge", "active"), (subscribed.Kind, subscribed.Subscription.Status));
        Assert.Equal(subscribed.Subscription.Id, Assert.Single(await client.ListSubscriptionsAsync("user_42")).Id);
        Assert.NotNull(cancelled.CancelAt);
        Assert.Equal((50L, "held"), (hold.Amount, hold.Status));
        Assert.Equal(("committed", 30L), (committed.Status, committed.CommittedAmount));
        Assert.Equal(("frozen", "active"), (frozen.Status, unfrozen.Status));
        Assert.Equal(70, (await client.GetCreditAccountAsync(hold.CreditAccountId)).Balance);
        Assert.Empty(await client.ListInvoiceLinesAsync(customer.Id));
        Assert.Equal("ok", (await client.GetHealthAsync()).Status);
    }

    [Fact]
    public async Task Top_ups_and_credit_packages_settle_through_the_client()
    {
        await using var app = await TestApp.StartAsync();
        using var client = ClientFor.App(app);
        var currency = await client.CreateCreditCurrencyAsync(new("Sold credits", "unit", TopUpPrice: new Money(2, "usd")));
        var customer = await client.CreateCustomerAsync(new("Ada", ExternalId: "user_7"));
        var saved = await client.SetDefaultPaymentMethodAsync("user_7", "pm_sandbox_success");
        var setup = await client.SetupPaymentMethodAsync("user_7");

        var topUp = await client.CreateTopUpAsync(new("user_7", currency.Id, 500));
        var package = await client.CreateCreditPackageAsync(new("1,000 credits", currency.Id, 1000, new Money(1500, "usd"), "P1Y"));
        var bought = await client.PurchaseCreditPackageAsync(package.Id, new("user_7"));
        var archived = await client.ArchiveCreditPackageAsync(package.Id);
        var attempts = await client.ListTopUpAttemptsAsync(new TopUpAttemptQuery(CustomerId: "user_7", PageSize: 1)).ToListAsync();

        Assert.Equal("pm_sandbox_success", saved.DefaultPaymentMethodId);
        Assert.Equal("sandbox", setup.Provider);
        Assert.Equal(("charged_inline", "succeeded", 1000L), (topUp.Kind, topUp.TopUp.Status, topUp.TopUp.ChargeAmount.Amount));
        Assert.Equal(("charged_inline", package.Id), (bought.Kind, bought.TopUp.PackageId));
        Assert.Equal("archived", archived.Status);
        Assert.Empty(await client.ListCreditPackagesAsync().ToListAsync());
        Assert.Equal([package.Id], await client.ListCreditPackagesAsync(includeArchived: true).Select(p => p.Id).ToListAsync());
        Assert.Equal([bought.TopUp.Id, topUp.TopUp.Id], attempts.Select(a => a.Id));
        Assert.Equal(topUp.TopUp.Id, (await client.GetTopUpAttemptAsync(topUp.TopUp.Id)).Id);
        Assert.Equal(1500, Assert.Single(await client.ListCreditAccountsAsync(customer.Id)).Balance);
    }
}
