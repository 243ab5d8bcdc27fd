using System.Text.Json.Nodes;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Fuzz;

/// <summary>
/// What the fuzzer aims at: a control customer with a grant, applied usage and an open hold (whose wallet must not
/// change), the ids of this organization's objects, and the same kinds of ids in a second organization.
/// </summary>
internal sealed record FuzzWorld(
    string CustomerId,
    string CurrencyId,
    string FeatureSlug,
    string WalletId,
    string GrantId,
    string HoldId,
    string PlanId,
    IReadOnlyList<string> OtherOrgIds)
{
    public static async Task<FuzzWorld> CreateAsync(HttpClient client, HttpClient other)
    {
        var control = await Scenario.CreateAsync(client, costPerUnit: 7);
        var grant = await control.GrantAsync(client, 1_000);
        for (var i = 0; i < 3; i++)
        {
            var (ts, tracked) = await client.PostAsync("/v1/usage/track", new { customerId = control.CustomerId, featureSlug = control.FeatureSlug, idempotencyKey = "control-" + i });
            Scenario.Ensure(ts, 202, tracked);
            var eventId = tracked!["eventIds"]![0]!.GetValue<string>();
            await Poll.UntilAsync(
                async () => (await client.GetJsonAsync($"/v1/usage/events/{eventId}?customerId={control.CustomerId}")).Body.Str("status"),
                s => s == "applied",
                TimeSpan.FromSeconds(60),
                "the control usage to be applied");
        }

        var (hs, hold) = await client.PostAsync("/v1/reservations", new { customerId = control.CustomerId, creditCurrencyId = control.CurrencyId, amount = 50, ttlSeconds = 86_400 });
        Scenario.Ensure(hs, 201, hold);
        var (ps, plan) = await client.PostAsync("/v1/plans", PlanBody(control.CurrencyId));
        Scenario.Ensure(ps, 201, plan);

        // The second organization's objects of every kind: each must answer as if it did not exist.
        var theirs = await Scenario.CreateAsync(other, costPerUnit: 1);
        var theirGrant = await theirs.GrantAsync(other, 100);
        var (ths, theirHold) = await other.PostAsync("/v1/reservations", new { customerId = theirs.CustomerId, creditCurrencyId = theirs.CurrencyId, amount = 10, ttlSeconds = 86_400 });
        Scenario.Ensure(ths, 201, theirHold);
        var (tps, theirPlan) = await other.PostAsync("/v1/plans", PlanBody(theirs.CurrencyId));
        Scenario.Ensure(tps, 201, theirPlan);
        var (tss, theirSubscription) = await other.PostAsync("/v1/subscriptions", new { customerId = theirs.CustomerId, planId = theirPlan.Str("id") });
        Scenario.Ensure(tss, 201, theirSubscription);
        var otherIds = new[]
        {
            theirs.CustomerId, theirs.ExternalId, theirs.CurrencyId, theirs.FeatureSlug, theirGrant.Str("id"), theirGrant.Str("creditAccountId"),
            theirHold.Str("id"), theirPlan.Str("id"), theirSubscription!["subscription"]!.Str("id"),
        };
        return new FuzzWorld(control.CustomerId, control.CurrencyId, control.FeatureSlug, grant.Str("creditAccountId"), grant.Str("id"), hold.Str("id"), plan.Str("id"), otherIds);
    }

    public static object PlanBody(string currencyId) => new
    {
        name = "Fuzz plan",
        price = new { amount = 0, interval = "month" },
        creditGrantRules = new[] { new { creditCurrencyId = currencyId, amount = 10, cadence = "per_cycle" } },
    };

    /// <summary>The control wallet as the API shows it (account with holds, whole ledger), to compare before and after.</summary>
    public async Task<string> ControlStateAsync(HttpClient client)
    {
        var (status, accounts) = await client.GetJsonAsync($"/v1/credit-accounts?customerId={CustomerId}");
        Scenario.Ensure(status, 200, accounts);
        var (ls, ledger) = await client.GetJsonAsync($"/v1/credit-ledger?customerId={CustomerId}&limit=100");
        Scenario.Ensure(ls, 200, ledger);
        var (rs, hold) = await client.GetJsonAsync($"/v1/reservations/{HoldId}");
        Scenario.Ensure(rs, 200, hold);
        return new JsonArray(accounts, ledger, hold).ToJsonString();
    }
}
