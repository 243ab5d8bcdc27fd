using UnitPay.Core.Grants;
using UnitPay.Core.Organizations;
using UnitPay.Core.Wallets;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Api;

public sealed class FifoOrderTests
{
    [Fact]
    public async Task Drip_then_plan_grant_then_package_are_spent_in_that_order_and_the_ledger_breakdown_shows_it()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1);
        var orgId = (await app.Service<OrganizationStore>().FindOrgIdByKeyAsync(app.ApiKey, CancellationToken.None))!;
        var accounts = app.Service<CreditAccountService>();
        var endOfDay = DateTimeOffset.UtcNow.Date.AddDays(1);

        // Granted in the opposite order of spending, so creation order cannot explain the result.
        var package = await GrantAsync(accounts, orgId, scenario, GrantSource.Package, 100, null);
        var plan = await GrantAsync(accounts, orgId, scenario, GrantSource.Plan, 50, DateTimeOffset.UtcNow.AddDays(30));
        var drip = await GrantAsync(accounts, orgId, scenario, GrantSource.Drip, 5, endOfDay);

        var (_, tracked) = await app.Client.PostAsync("/v1/usage/track", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, quantity = 60 });
        await QuickstartTests.WaitAppliedAsync(app, scenario, tracked!["eventIds"]![0]!.GetValue<string>());

        var (_, ledger) = await app.Client.GetJsonAsync($"/v1/credit-ledger?customerId={scenario.CustomerId}&type=debit");
        var debit = ledger!["entries"]!.AsArray().Single()!;
        var breakdown = debit["breakdown"]!.AsArray().Select(b => (b.Str("grantId"), b.Num("amount"))).ToList();
        Assert.Equal([(drip, 5L), (plan, 50L), (package, 5L)], breakdown);
        Assert.Equal((155L, 95L), (debit.Num("balanceBefore"), debit.Num("balanceAfter")));

        var (_, account) = await app.Client.GetJsonAsync($"/v1/credit-accounts?customerId={scenario.CustomerId}");
        var open = account!["accounts"]![0]!["grants"]!.AsArray().Select(g => (g.Str("id"), g.Num("remaining"))).ToList();
        Assert.Equal([(package, 95L)], open); // drip and plan grant are used up and no longer open
    }

    private static async Task<string> GrantAsync(CreditAccountService accounts, string orgId, Scenario scenario, GrantSource source, long amount, DateTimeOffset? expiresAt)
    {
        var result = await accounts.GrantAsync(orgId, new GrantRequest
        {
            CustomerId = scenario.CustomerId,
            CreditCurrencyId = scenario.CurrencyId,
            Amount = amount,
            Source = source,
            ExpiresAt = expiresAt,
        }, CancellationToken.None);
        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Equal(GrantSources.DefaultPriority(source), result.Value.Grant.Priority);
        return result.Value.Grant.Id;
    }
}
