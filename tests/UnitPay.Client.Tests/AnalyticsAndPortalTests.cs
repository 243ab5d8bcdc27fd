using UnitPay.Client.Models;
using UnitPay.Client.Tests.Support;
using UnitPay.Testing;

namespace UnitPay.Client.Tests;

/// <summary>Burn rate, balance as of an instant and portal sessions through the typed client.</summary>
public sealed class AnalyticsAndPortalTests
{
    [Fact]
    public async Task Burn_rate_balance_as_of_and_a_portal_link_come_back_typed()
    {
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        using var client = ClientFor.App(app);
        var (currencyId, slug) = await ClientFor.CatalogAsync(client);
        var customer = await client.CreateCustomerAsync(new("Ada"));
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await client.CreateCreditGrantAsync(new(customer.Id, currencyId, 100));
        var hold = await client.CreateReservationAsync(new(customer.Id, FeatureSlug: slug, Quantity: 3));
        await client.CommitReservationAsync(hold.Id);

        var burn = await client.GetBurnRateAsync(customer.Id, currencyId, windowDays: 7);
        var then = await client.GetBalanceAsOfAsync(hold.CreditAccountId, before);
        var now = await client.GetBalanceAsOfAsync(hold.CreditAccountId);
        var portal = await client.CreatePortalSessionAsync(customer.Id, new Uri("https://app.example.com/billing"));
        using var browser = new HttpClient();
        var page = await browser.GetStringAsync(portal.Url);

        Assert.Equal(("7d", 7, 30L), (burn.Window, burn.Daily.Count, burn.TotalConsumed));
        Assert.Equal(30, burn.Daily[^1].Amount);
        Assert.Equal(slug, Assert.Single(burn.Features).FeatureSlug);
        Assert.NotNull(burn.Runway.Days);
        Assert.Equal((0L, 0), (then.Balance, then.Grants.Count));
        Assert.Equal(70, now.Balance);
        Assert.Equal(70, Assert.Single(now.Grants).Remaining);
        Assert.Equal((customer.Id, "https://app.example.com/billing"), (portal.CustomerId, portal.ReturnUrl));
        Assert.Contains("70 credits", page, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<UnitPayApiException>(() => client.CreatePortalSessionAsync("cus_missing"));
        Assert.Equal("NOT_FOUND", missing.Code);
    }
}
