using System.Net;
using UnitPay.Client.Models;
using UnitPay.Client.Tests.Support;
using UnitPay.Testing;

namespace UnitPay.Client.Tests;

/// <summary>problem+json answers become <see cref="UnitPayApiException"/> with the API's code and field errors.</summary>
public sealed class ProblemTests
{
    [Fact]
    public async Task A_validation_problem_is_a_typed_exception_with_its_code_and_field_errors()
    {
        await using var app = await TestApp.StartAsync();
        using var client = ClientFor.App(app);
        var currency = await client.CreateCreditCurrencyAsync(new("AI credits", "unit"));

        var badSlug = await Assert.ThrowsAsync<UnitPayApiException>(() => client.CreateFeatureAsync(new("Not A Slug!", "Feature", [new(currency.Id, 1)])));
        var badPackage = await Assert.ThrowsAsync<UnitPayApiException>(() => client.CreateCreditPackageAsync(new("", currency.Id, 0, new Money(-1, "credits"))));

        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_FAILED"), (badSlug.Status, badSlug.Code));
        Assert.Contains("slug", Assert.Single(badSlug.Errors).Key, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(badSlug.Detail));
        Assert.Equal("VALIDATION_FAILED", badPackage.Code);
        Assert.True(badPackage.Errors.Count >= 3, "every invalid field is named: " + string.Join(", ", badPackage.Errors.Keys));
        Assert.All(badPackage.Errors.Values, messages => Assert.NotEmpty(messages));
    }

    [Fact]
    public async Task Not_found_and_a_wrong_key_are_typed_exceptions_too()
    {
        await using var app = await TestApp.StartAsync();
        using var client = ClientFor.App(app);
        using var wrongKey = ClientFor.App(app, configure: o => o with { ApiKey = "upay_sk_" + new string('x', 40) });

        var missing = await Assert.ThrowsAsync<UnitPayApiException>(() => client.GetCustomerAsync("nobody_here"));
        var unauthenticated = await Assert.ThrowsAsync<UnitPayApiException>(() => wrongKey.ListFeaturesAsync());

        Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), (missing.Status, missing.Code));
        Assert.Empty(missing.Errors);
        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHENTICATED"), (unauthenticated.Status, unauthenticated.Code));
    }

    [Fact]
    public void Invalid_options_are_refused_once_when_the_client_is_built()
    {
        var options = new UnitPayClientOptions { BaseAddress = new Uri("ftp://example.com"), ApiKey = "secret", MaxRetries = 50 };

        var refused = Assert.Throws<ArgumentException>(() => new UnitPayClient(options));

        Assert.Contains("BaseAddress", refused.Message, StringComparison.Ordinal);
        Assert.Contains("ApiKey", refused.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetries", refused.Message, StringComparison.Ordinal);
    }
}
