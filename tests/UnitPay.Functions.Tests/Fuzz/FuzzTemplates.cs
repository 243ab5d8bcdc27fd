using System.Text.Json.Nodes;

namespace UnitPay.Functions.Tests.Fuzz;

/// <summary>Valid bodies of the routes the fuzzer knows, aimed at the control customer where a route takes one.</summary>
internal sealed class FuzzTemplates(FuzzWorld world)
{
    public FuzzTemplate? For(string route) => route switch
    {
        "v1/check" => new FuzzTemplate(
            () => new JsonObject { ["customerId"] = world.CustomerId, ["featureSlug"] = world.FeatureSlug, ["requestedUsage"] = 2 },
            [new("customerId", FuzzFieldKind.Reference, true), new("featureSlug", FuzzFieldKind.Reference, true), new("requestedUsage", FuzzFieldKind.Quantity)],
            TouchesControl: true),
        "v1/usage/track" => new FuzzTemplate(
            () => new JsonObject { ["customerId"] = world.CustomerId, ["featureSlug"] = world.FeatureSlug, ["quantity"] = 1, ["idempotencyKey"] = "fuzz-" + Guid.NewGuid().ToString("N") },
            [new("customerId", FuzzFieldKind.Reference, true), new("featureSlug", FuzzFieldKind.Reference, true), new("quantity", FuzzFieldKind.Quantity), new("timestamp", FuzzFieldKind.Time), new("idempotencyKey", FuzzFieldKind.Name)],
            TouchesControl: true) { Batch = true },
        "v1/credit-grants" => new FuzzTemplate(
            () => new JsonObject { ["customerId"] = world.CustomerId, ["creditCurrencyId"] = world.CurrencyId, ["amount"] = 10, ["source"] = "manual", ["priority"] = 3, ["reason"] = "fuzz" },
            [new("customerId", FuzzFieldKind.Reference, true), new("creditCurrencyId", FuzzFieldKind.Reference, true), new("amount", FuzzFieldKind.Amount, true), new("source", FuzzFieldKind.Enum), new("priority", FuzzFieldKind.Integer), new("effectiveAt", FuzzFieldKind.Time), new("expiresAt", FuzzFieldKind.Time), new("reason", FuzzFieldKind.Name)],
            TouchesControl: true),
        "v1/reservations" => new FuzzTemplate(
            () => new JsonObject { ["customerId"] = world.CustomerId, ["creditCurrencyId"] = world.CurrencyId, ["amount"] = 5, ["ttlSeconds"] = 60, ["reference"] = "fuzz" },
            [new("customerId", FuzzFieldKind.Reference, true), new("creditCurrencyId", FuzzFieldKind.Reference, true), new("amount", FuzzFieldKind.Amount, true), new("ttlSeconds", FuzzFieldKind.Integer), new("reference", FuzzFieldKind.Name)],
            TouchesControl: true),
        "v1/reservations/{id}/commit" => new FuzzTemplate(
            () => new JsonObject { ["amount"] = 1 },
            [new("amount", FuzzFieldKind.Amount)],
            TouchesControl: true,
            ValidPathId: world.HoldId),
        "v1/subscriptions" => new FuzzTemplate(
            () => new JsonObject { ["customerId"] = world.CustomerId, ["planId"] = world.PlanId },
            [new("customerId", FuzzFieldKind.Reference, true), new("planId", FuzzFieldKind.Reference, true)],
            TouchesControl: true),
        "v1/credit-currencies" => new FuzzTemplate(
            () => new JsonObject { ["name"] = "Fuzz credits", ["denomination"] = "unit", ["minorUnitScale"] = 0 },
            [new("name", FuzzFieldKind.Name, true), new("slug", FuzzFieldKind.Slug), new("denomination", FuzzFieldKind.Enum, true), new("minorUnitScale", FuzzFieldKind.Integer), new("overage", FuzzFieldKind.Structure)],
            TouchesControl: false),
        "v1/features" => new FuzzTemplate(
            () => new JsonObject
            {
                ["slug"] = "fuzz-" + Guid.NewGuid().ToString("N")[..12],
                ["name"] = "Fuzz feature",
                ["creditCosts"] = new JsonArray(new JsonObject { ["creditCurrencyId"] = world.CurrencyId, ["costPerUnit"] = 1 }),
            },
            [new("slug", FuzzFieldKind.Slug, true), new("name", FuzzFieldKind.Name, true), new("creditCosts", FuzzFieldKind.Structure, true), new("creditCosts.0.creditCurrencyId", FuzzFieldKind.Reference, true), new("creditCosts.0.costPerUnit", FuzzFieldKind.Quantity, true)],
            TouchesControl: false),
        "v1/customers" => new FuzzTemplate(
            () => new JsonObject { ["name"] = "Fuzz customer", ["externalId"] = "fuzz-" + Guid.NewGuid().ToString("N"), ["email"] = "fuzz@example.com" },
            [new("name", FuzzFieldKind.Name, true), new("externalId", FuzzFieldKind.Name), new("email", FuzzFieldKind.Enum), new("collectionMethod", FuzzFieldKind.Enum)],
            TouchesControl: false),
        "v1/plans" => new FuzzTemplate(
            () => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(FuzzWorld.PlanBody(world.CurrencyId)))!.AsObject(),
            [new("name", FuzzFieldKind.Name, true), new("price", FuzzFieldKind.Structure, true), new("price.interval", FuzzFieldKind.Enum, true), new("creditGrantRules", FuzzFieldKind.Structure), new("creditGrantRules.0.creditCurrencyId", FuzzFieldKind.Reference, true), new("creditGrantRules.0.amount", FuzzFieldKind.Amount, true), new("creditGrantRules.0.cadence", FuzzFieldKind.Enum, true)],
            TouchesControl: false),
        _ => null, // freeze, unfreeze, void, release, cancel: only bad ids (any valid id would change it); a new route: the generic classes
    };
}
