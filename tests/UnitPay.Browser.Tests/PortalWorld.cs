using UnitPay.Testing;

namespace UnitPay.Browser.Tests;

/// <summary>A customer with two wallets set up over the API: unit credits sold at 2 cents (with a package) and prepaid US dollars.</summary>
internal sealed record PortalWorld(string CustomerId, string Credits, string CreditsName, string Dollars, string DollarsName, string FeatureSlug, string PackageId, string PortalUrl)
{
    public static async Task<PortalWorld> CreateAsync(TestApp app)
    {
        var client = app.Client;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var creditsName = "AI credits " + suffix;
        var credits = await IdAsync(client, "/v1/credit-currencies", new { name = creditsName, denomination = "unit", topUpPrice = new { amount = 2, currency = "usd" } });
        var dollarsName = "Prepaid dollars " + suffix;
        var dollars = await IdAsync(client, "/v1/credit-currencies", new { name = dollarsName, denomination = "usd" });
        var slug = "chat-" + suffix;
        await IdAsync(client, "/v1/features", new { slug, name = "Chat", creditCosts = new[] { new { creditCurrencyId = credits, costPerUnit = 10 } } });
        var package = await IdAsync(client, "/v1/credit-packages", new { name = "Starter pack", creditCurrencyId = credits, credits = 1000, price = new { amount = 1500, currency = "usd" } });
        var customer = await IdAsync(client, "/v1/customers", new { name = "Ada Lovelace", externalId = "ada-" + suffix, defaultPaymentMethod = "pm_sandbox_success" });
        await IdAsync(client, "/v1/credit-grants", new { customerId = customer, creditCurrencyId = credits, amount = 1250, reason = "welcome" });
        await IdAsync(client, "/v1/credit-grants", new { customerId = customer, creditCurrencyId = dollars, amount = 5000, expiresAt = DateTimeOffset.UtcNow.AddDays(20) });
        var (status, session) = await client.PostAsync($"/v1/customers/{customer}/portal-sessions", new { returnUrl = "https://app.example.com/billing" });
        Scenario.Ensure(status, 201, session);
        return new PortalWorld(customer, credits, creditsName, dollars, dollarsName, slug, package, session.Str("url"));
    }

    private static async Task<string> IdAsync(HttpClient client, string path, object body)
    {
        var (status, created) = await client.PostAsync(path, body);
        Scenario.Ensure(status, 201, created);
        return created.Str("id");
    }
}
