using System.Text.Json.Nodes;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.OpenApi;

/// <summary>Real answers over HTTP validate against the document, and the reference is served without a key.</summary>
public sealed class OpenApiConformanceTests
{
    [Fact]
    public async Task Every_answer_of_a_realistic_scenario_validates_against_its_documented_schema()
    {
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress };
        var api = new ConformanceClient(app.Client, OpenApiSpec.Kept);

        var run = await Record.ExceptionAsync(() => new ConformanceScenario(api, anonymous).RunAsync());

        Assert.True(run is null, run?.Message + "\nMismatches so far:\n" + string.Join("\n", api.Problems.Distinct()));

        Assert.True(api.Problems.Count == 0, "Answers that do not match the document:\n" + string.Join("\n", api.Problems.Distinct()));
        var exercised = api.Answered.Select(a => a.Split(' ')[0]).ToHashSet();
        var missed = OpenApiSpec.Kept.Operations.Select(o => o.Id).Where(id => !exercised.Contains(id) && id is not ("GetOpenApiDocumentHttp" or "GetApiReferenceHttp"));
        Assert.Empty(missed);
        Assert.Subset(api.Answered, new SortedSet<string>(
            ["CreateCreditCurrencyHttp 400", "ListCreditCurrenciesHttp 401", "GetCreditCurrencyHttp 404", "CreateCreditCurrencyHttp 409", "CreateCustomerHttp 409",
             "CreateReservationHttp 402", "CreateTopUpHttp 422", "TrackUsageHttp 413", "ReceivePaymentWebhookHttp 400"],
            StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_document_and_the_reference_page_answer_without_a_key()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_LOCAL_TRIGGERS"] = "false" });
        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress };
        var api = new ConformanceClient(anonymous, OpenApiSpec.Kept);

        var (status, document) = await api.GetAsync("/v1/openapi.json");
        using var page = await anonymous.GetAsync("/v1/docs");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(200, status);
        Assert.Empty(api.Problems);
        Assert.Equal(app.BaseAddress.GetLeftPart(UriPartial.Authority), document!["servers"]![0].Str("url"));
        Assert.Equal(OpenApiSpec.Kept.Document["paths"]!.ToJsonString(), document["paths"]!.ToJsonString());
        Assert.Equal((200, "text/html"), ((int)page.StatusCode, page.Content.Headers.ContentType?.MediaType));
        Assert.All(OpenApiSpec.Kept.Operations, o => Assert.Contains($"id=\"{o.Id}\"", html, StringComparison.Ordinal));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<code>NOT_FOUND</code>", html, StringComparison.Ordinal);
    }
}
