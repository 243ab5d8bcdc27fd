using System.Text.Json.Nodes;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Money;

/// <summary>The money-in setup over the public API, as the README's walk-through does it with curl.</summary>
internal static class MoneyApi
{
    /// <summary>A unit credit currency sold at <paramref name="centsPerCredit"/> US cents per credit (null: no top-up price).</summary>
    public static async Task<string> UnitCurrencyAsync(HttpClient client, long? centsPerCredit = 2)
    {
        var (status, body) = await client.PostAsync("/v1/credit-currencies", new
        {
            name = "AI credits " + Guid.NewGuid().ToString("N")[..8],
            denomination = "unit",
            topUpPrice = centsPerCredit is { } cents ? new { amount = cents, currency = "usd" } : null,
        });
        Scenario.Ensure(status, 201, body);
        return body.Str("id");
    }

    public static async Task<string> CustomerAsync(HttpClient client, string? paymentMethod = "pm_sandbox_success", string collectionMethod = "charge_automatically")
    {
        var (status, body) = await client.PostAsync("/v1/customers", new
        {
            name = "Ada",
            externalId = "user_" + Guid.NewGuid().ToString("N")[..8],
            collectionMethod,
            defaultPaymentMethod = paymentMethod,
        });
        Scenario.Ensure(status, 201, body);
        return body.Str("id");
    }

    public static async Task<long> BalanceAsync(HttpClient client, string customerId, string currencyId)
    {
        var (status, body) = await client.GetJsonAsync("/v1/credit-accounts?customerId=" + customerId);
        Scenario.Ensure(status, 200, body);
        return body!["accounts"]!.AsArray().Where(a => a.Str("creditCurrencyId") == currencyId).Sum(a => a.Num("balance"));
    }

    public static async Task<List<JsonNode>> LedgerAsync(HttpClient client, string customerId)
    {
        var (status, body) = await client.GetJsonAsync("/v1/credit-ledger?customerId=" + customerId);
        Scenario.Ensure(status, 200, body);
        return [.. body!["entries"]!.AsArray().Select(e => e!)];
    }

    public static async Task<JsonNode> AttemptAsync(HttpClient client, string attemptId)
    {
        var (status, body) = await client.GetJsonAsync("/v1/top-up-attempts/" + attemptId);
        Scenario.Ensure(status, 200, body);
        return body!;
    }
}
