using System.Text.Json.Nodes;

namespace UnitPay.Testing;

/// <summary>Sets up a catalog over the public API: a credit currency, a feature that costs in it, a customer.</summary>
public sealed record Scenario(string CurrencyId, string FeatureSlug, string CustomerId, string ExternalId)
{
    public static async Task<Scenario> CreateAsync(HttpClient client, decimal costPerUnit = 10, string denomination = "unit", string? featureSlug = null, object? overage = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (status, currency) = await client.PostAsync("/v1/credit-currencies", new { name = "AI credits " + suffix, denomination, overage });
        Ensure(status, 201, currency);
        var currencyId = currency.Str("id");
        featureSlug ??= "ai-generation-" + suffix;
        var (fs, feature) = await client.PostAsync("/v1/features", new { slug = featureSlug, name = "AI generation", creditCosts = new[] { new { creditCurrencyId = currencyId, costPerUnit } } });
        Ensure(fs, 201, feature);
        var externalId = "user_" + suffix;
        var (cs, customer) = await client.PostAsync("/v1/customers", new { name = "Ada " + suffix, externalId });
        Ensure(cs, 201, customer);
        return new Scenario(currencyId, featureSlug, customer.Str("id"), externalId);
    }

    public async Task<JsonNode> GrantAsync(HttpClient client, long amount, int? priority = null, DateTimeOffset? expiresAt = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (status, grant) = await client.PostAsync("/v1/credit-grants", new { customerId = CustomerId, creditCurrencyId = CurrencyId, amount, priority, expiresAt });
        Ensure(status, 201, grant);
        return grant!;
    }

    public static void Ensure(int status, int expected, JsonNode? body)
    {
        if (status != expected)
        {
            throw new InvalidOperationException($"Expected HTTP {expected}, got {status}: {body?.ToJsonString()}");
        }
    }
}
