using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Api;

public sealed class TenancyTests
{
    [Fact]
    public async Task A_second_organization_cannot_read_or_change_the_first_ones_customers_wallets_or_ledger()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await Scenario.CreateAsync(app.Client);
        var grant = await scenario.GrantAsync(app.Client, 100);
        var walletId = grant.Str("creditAccountId");
        using var other = await app.SecondOrganizationAsync();

        Assert.Equal(404, (await other.GetJsonAsync($"/v1/customers/{scenario.CustomerId}")).Status);
        Assert.Equal(404, (await other.GetJsonAsync($"/v1/customers/{scenario.ExternalId}")).Status);
        Assert.Equal(404, (await other.GetJsonAsync($"/v1/credit-accounts?customerId={scenario.CustomerId}")).Status);
        Assert.Equal(404, (await other.GetJsonAsync($"/v1/credit-accounts/{walletId}")).Status);
        Assert.Equal(404, (await other.GetJsonAsync($"/v1/credit-ledger?creditAccountId={walletId}")).Status);
        Assert.Equal(404, (await other.GetJsonAsync($"/v1/credit-ledger?customerId={scenario.CustomerId}")).Status);
        Assert.Equal(404, (await other.GetJsonAsync($"/v1/credit-currencies/{scenario.CurrencyId}")).Status);
        Assert.Equal(404, (await other.PostAsync($"/v1/credit-accounts/{walletId}/freeze", new { })).Status);
        Assert.Equal(404, (await other.PostAsync($"/v1/credit-grants/{grant.Str("id")}/void", new { })).Status);
        Assert.Equal(404, (await other.PostAsync("/v1/credit-grants", new { customerId = scenario.CustomerId, creditCurrencyId = scenario.CurrencyId, amount = 5 })).Status);
        Assert.Equal(404, (await other.PostAsync("/v1/check", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug })).Status);
        var (trackStatus, _) = await other.PostAsync("/v1/usage/track", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug });
        Assert.Equal(404, trackStatus);

        // The first organization still sees everything as it was.
        var (_, accounts) = await app.Client.GetJsonAsync($"/v1/credit-accounts?customerId={scenario.CustomerId}");
        var account = accounts!["accounts"]![0]!;
        Assert.Equal((100L, "active"), (account.Num("balance"), account.Str("status")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("upay_sk_not_a_real_key_000000000000")]
    [InlineData("sk_live_wrong_prefix")]
    public async Task A_missing_or_unknown_key_is_401_and_health_needs_no_key(string? key)
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_LOCAL_TRIGGERS"] = "false" });
        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress };
        if (key is not null)
        {
            anonymous.DefaultRequestHeaders.Add("Authorization", "Bearer " + key);
        }

        var (status, problem) = await anonymous.GetJsonAsync("/v1/credit-currencies");
        Assert.Equal(401, status);
        Assert.Equal("UNAUTHENTICATED", problem.Str("code"));
        Assert.Equal(200, (await anonymous.GetJsonAsync("/v1/health")).Status);
    }

    [Fact]
    public async Task A_bearer_key_works_like_the_header()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_LOCAL_TRIGGERS"] = "false" });
        using var bearer = new HttpClient { BaseAddress = app.BaseAddress };
        bearer.DefaultRequestHeaders.Add("Authorization", "Bearer " + app.ApiKey);

        Assert.Equal(200, (await bearer.GetJsonAsync("/v1/credit-currencies")).Status);
    }
}
