using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Api;

/// <summary>Regressions for what the API fuzzer found (tests/UnitPay.Functions.Tests/Fuzz): each answered 2xx or 5xx to bad input.</summary>
public sealed class FuzzFindingsTests
{
    [Fact]
    public async Task A_reservation_reference_longer_than_500_characters_is_400_and_holds_nothing()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_LOCAL_TRIGGERS"] = "false" });
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1);
        await scenario.GrantAsync(app.Client, 100);

        // 70,000 characters: past Table Storage's 64 KiB per property, it answered 500 after the storage client's retries.
        var (status, problem) = await app.Client.PostAsync("/v1/reservations", new { customerId = scenario.CustomerId, creditCurrencyId = scenario.CurrencyId, amount = 5, reference = new string('/', 70_000) });
        var (shortStatus, _) = await app.Client.PostAsync("/v1/reservations", new { customerId = scenario.CustomerId, creditCurrencyId = scenario.CurrencyId, amount = 5, reference = new string('r', 501) });

        Assert.Equal(400, status);
        Assert.Equal("VALIDATION_FAILED", problem.Str("code"));
        Assert.Equal(400, shortStatus);
        var (_, accounts) = await app.Client.GetJsonAsync($"/v1/credit-accounts?customerId={scenario.CustomerId}");
        Assert.Equal(0, accounts!["accounts"]![0].Num("reserved"));
    }

    [Fact]
    public async Task Check_and_reservations_refuse_a_quantity_with_more_decimals_than_track_accepts()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_LOCAL_TRIGGERS"] = "false" });
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1);
        await scenario.GrantAsync(app.Client, 100);

        var (check, checkProblem) = await app.Client.PostAsync("/v1/check", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, requestedUsage = 0.0000001m });
        var (reserve, _) = await app.Client.PostAsync("/v1/reservations", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, quantity = 0.0000001m });
        var (track, _) = await app.Client.PostAsync("/v1/usage/track", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, quantity = 0.0000001m });
        var (sixDecimals, _) = await app.Client.PostAsync("/v1/check", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, requestedUsage = 0.000001m });

        Assert.Equal(400, track);
        Assert.Equal(400, check);
        Assert.Contains("decimal places", checkProblem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(400, reserve);
        Assert.Equal(200, sixDecimals);
    }
}
