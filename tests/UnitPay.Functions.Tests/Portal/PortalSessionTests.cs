using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Portal;

/// <summary>Portal sessions over HTTP: the link carries no secret, opens one customer only, and stops opening when it expires.</summary>
public sealed class PortalSessionTests
{
    [Fact]
    public async Task A_portal_link_never_carries_or_reveals_the_secret_key()
    {
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        var scenario = await Scenario.CreateAsync(app.Client);
        await scenario.GrantAsync(app.Client, 100);

        var (status, session) = await app.Client.PostAsync($"/v1/customers/{scenario.ExternalId}/portal-sessions", new { returnUrl = "https://app.example.com/billing" });
        var url = session.Str("url");
        using var anonymous = new HttpClient();
        var page = await anonymous.GetStringAsync(url);

        Assert.Equal(201, status);
        Assert.StartsWith(app.BaseAddress.GetLeftPart(UriPartial.Authority) + "/portal/", url, StringComparison.Ordinal);
        Assert.DoesNotContain(app.ApiKey, session!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(app.ApiKey, page, StringComparison.Ordinal);
        Assert.DoesNotContain("upay_sk_", Encoding.UTF8.GetString(Convert.FromBase64String(Pad(new Uri(url).Segments[^1].Split('.')[0]))), StringComparison.Ordinal);
        Assert.Contains("100 credits", page, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.Parse(session.Str("expiresAt"), System.Globalization.CultureInfo.InvariantCulture) <= DateTimeOffset.UtcNow.AddHours(1).AddSeconds(5));
    }

    [Fact]
    public async Task A_link_opens_its_own_customer_and_cannot_be_turned_to_another()
    {
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        var ada = await Scenario.CreateAsync(app.Client);
        await ada.GrantAsync(app.Client, 111);
        var (_, bob) = await app.Client.PostAsync("/v1/customers", new { name = "Bob Other", externalId = "bob-" + Guid.NewGuid().ToString("N")[..6] });
        await app.Client.PostAsync("/v1/credit-grants", new { customerId = bob.Str("id"), creditCurrencyId = ada.CurrencyId, amount = 7321 });
        var adaUrl = (await app.Client.PostAsync($"/v1/customers/{ada.CustomerId}/portal-sessions", new { })).Body.Str("url");
        var bobUrl = (await app.Client.PostAsync($"/v1/customers/{bob.Str("id")}/portal-sessions", new { })).Body.Str("url");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var adaPage = await browser.GetStringAsync(adaUrl);
        var (adaToken, bobToken) = (Token(adaUrl), Token(bobUrl));
        var spliced = bobToken.Split('.')[0] + "." + adaToken.Split('.')[1]; // Bob's claims under Ada's signature
        var forged = Base64Url(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Convert.FromBase64String(Pad(adaToken.Split('.')[0]))).Replace(ada.CustomerId, bob.Str("id"), StringComparison.Ordinal))) + "." + adaToken.Split('.')[1];
        var origin = app.BaseAddress.GetLeftPart(UriPartial.Authority);

        Assert.Contains("111 credits", adaPage, StringComparison.Ordinal);
        Assert.Contains("7,321 credits", await browser.GetStringAsync(bobUrl), StringComparison.Ordinal); // what a leak would show
        Assert.DoesNotContain("7,321", adaPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Bob Other", adaPage, StringComparison.Ordinal);
        foreach (var token in new[] { spliced, forged })
        {
            using var answer = await browser.GetAsync(origin + "/portal/" + Uri.EscapeDataString(token));
            var html = await answer.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            Assert.DoesNotContain("7,321", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Bob Other", html, StringComparison.Ordinal);
        }

        // A form under Ada's link with Bob's token in the body is refused, and a form of Ada's changes only Ada's wallet.
        var refused = await browser.PostAsync(adaUrl + "/auto-topup", Form(bobToken, ("creditCurrencyId", ada.CurrencyId), ("action", "off")));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, adaUrl + "/auto-topup") { Content = Form(adaToken, ("creditCurrencyId", ada.CurrencyId), ("action", "off")) };
        crossSite.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(crossSite)).StatusCode);
    }

    [Fact]
    public async Task A_link_stops_opening_when_it_expires_and_another_organization_cannot_make_one()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(services => services.AddSingleton<TimeProvider>(clock), QuietTimers.Settings());
        var scenario = await Scenario.CreateAsync(app.Client);
        var url = (await app.Client.PostAsync($"/v1/customers/{scenario.CustomerId}/portal-sessions", new { })).Body.Str("url");
        using var other = await app.SecondOrganizationAsync();
        using var browser = new HttpClient();

        var open = await browser.GetAsync(url);
        clock.Advance(TimeSpan.FromMinutes(61));
        var expired = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(404, (await other.PostAsync($"/v1/customers/{scenario.CustomerId}/portal-sessions", new { })).Status);
        Assert.Equal(401, (await new HttpClient { BaseAddress = app.BaseAddress }.PostAsync($"/v1/customers/{scenario.CustomerId}/portal-sessions", new { })).Status);
    }

    [Fact]
    public async Task The_page_is_not_cached_not_framed_runs_no_script_and_sends_no_referrer()
    {
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        var scenario = await Scenario.CreateAsync(app.Client);
        var url = (await app.Client.PostAsync($"/v1/customers/{scenario.CustomerId}/portal-sessions", new { })).Body.Str("url");
        using var browser = new HttpClient();

        using var page = await browser.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Equal("same-origin", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    private static FormUrlEncodedContent Form(string token, params (string, string)[] fields) =>
        new([new("token", token), new("nonce", Guid.NewGuid().ToString("N")), .. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))]);

    private static string Token(string url) => Uri.UnescapeDataString(new Uri(url).Segments[^1]);

    private static string Pad(string s) => s.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (s.Length % 4)) % 4);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
