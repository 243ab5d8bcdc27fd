using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.Catalog;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Money;
using UnitPay.Core.Results;
using UnitPay.Functions.Api;

namespace UnitPay.Functions.Functions;

/// <summary>Credit currencies and features.</summary>
public sealed class CatalogFunctions(CatalogStore catalog, TimeProvider clock)
{
    [Function("ListCreditCurrenciesHttp")]
    public async Task<IResult> ListCurrenciesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/credit-currencies")] HttpRequest req) =>
        Results.Ok(new { currencies = await catalog.ListCurrenciesAsync(req.HttpContext.OrgId(), req.HttpContext.RequestAborted) });

    [Function("GetCreditCurrencyHttp")]
    public async Task<IResult> GetCurrencyAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/credit-currencies/{id}")] HttpRequest req, string id) =>
        await catalog.GetCurrencyAsync(req.HttpContext.OrgId(), id, req.HttpContext.RequestAborted) is { } currency
            ? Results.Ok(currency)
            : Problems.NotFound("Credit currency " + id);

    [Function("ListFeaturesHttp")]
    public async Task<IResult> ListFeaturesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/features")] HttpRequest req) =>
        Results.Ok(new { features = await catalog.ListFeaturesAsync(req.HttpContext.OrgId(), req.HttpContext.RequestAborted) });

    [Function("GetFeatureHttp")]
    public async Task<IResult> GetFeatureAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/features/{id}")] HttpRequest req, string id) =>
        await catalog.GetFeatureAsync(req.HttpContext.OrgId(), id, req.HttpContext.RequestAborted) is { } feature
            ? Results.Ok(feature)
            : Problems.NotFound("Feature " + id);

    [Function("CreateCreditCurrencyHttp")]
    public async Task<IResult> CreateCurrencyAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/credit-currencies")] HttpRequest req)
    {
        var http = req.HttpContext;
        var body = await RequestBody.ReadAsync<CreateCurrencyRequest>(http.Request);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        var request = body.Value!;
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            return Problems.Validation("name", "name is required (1 to 200 characters).");
        }

        var slug = request.Slug ?? Slugs.From(request.Name);
        if (!Slugs.IsValid(slug))
        {
            return Problems.Validation("slug", "slug must be 1 to 64 lowercase letters, digits, '-' or '_'.");
        }

        if (!Denomination.TryParse(request.Denomination, out var denomination))
        {
            return Problems.Validation("denomination", "denomination must be 'unit' or an ISO-4217 currency code such as 'usd'.");
        }

        int scale;
        if (denomination.IsUnit)
        {
            scale = request.MinorUnitScale ?? 0;
            if (scale is < 0 or > 3)
            {
                return Problems.Validation("minorUnitScale", "minorUnitScale of a unit currency must be 0 to 3.");
            }
        }
        else
        {
            scale = denomination.IsoExponent!.Value;
            if (request.MinorUnitScale is { } given && given != scale)
            {
                return Problems.Validation("minorUnitScale", $"minorUnitScale of {denomination.Code} is its ISO exponent, {scale}.");
            }
        }

        var overage = request.Overage ?? new OveragePolicy();
        if (overage.Validate() is { } invalid)
        {
            return Problems.From(invalid);
        }

        Price? topUpPrice = null;
        if (request.TopUpPrice is { } priceSent)
        {
            if (!denomination.IsUnit)
            {
                return Problems.Validation("topUpPrice", $"topUpPrice is for unit currencies; a {denomination.Code} wallet is topped up 1:1 in {denomination.Code}.");
            }

            var errors = new ValidationErrors();
            topUpPrice = Price.Validate(priceSent.Amount, priceSent.Currency, "topUpPrice", errors);
            if (topUpPrice is { Amount: 0 })
            {
                errors.Add("topUpPrice.amount", "topUpPrice.amount must be positive: the price of one whole credit, in minor units of topUpPrice.currency.");
            }

            if (!errors.IsEmpty)
            {
                return Problems.From(errors.ToFailure());
            }
        }

        var currency = new CreditCurrency
        {
            Id = Ids.New("ccur", clock),
            Name = request.Name.Trim(),
            Slug = slug,
            Denomination = denomination.Code,
            MinorUnitScale = scale,
            Overage = overage,
            TopUpPrice = topUpPrice,
            CreatedAt = clock.GetUtcNow(),
        };
        return await catalog.TryCreateCurrencyAsync(http.OrgId(), currency, http.RequestAborted)
            ? Results.Created($"/v1/credit-currencies/{currency.Id}", currency)
            : Problems.From(new Failure(FailureCodes.Conflict, $"A credit currency with slug '{slug}' exists."));
    }

    [Function("CreateFeatureHttp")]
    public async Task<IResult> CreateFeatureAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/features")] HttpRequest req)
    {
        var http = req.HttpContext;
        var body = await RequestBody.ReadAsync<CreateFeatureRequest>(http.Request);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        var request = body.Value!;
        if (!Slugs.IsValid(request.Slug))
        {
            return Problems.Validation("slug", "slug is required: 1 to 64 lowercase letters, digits, '-' or '_'.");
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            return Problems.Validation("name", "name is required (1 to 200 characters).");
        }

        if (request.CreditCosts is not { Count: > 0 and <= 10 } costs)
        {
            return Problems.Validation("creditCosts", "creditCosts must list 1 to 10 credit currencies with their costPerUnit.");
        }

        var orgId = http.OrgId();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < costs.Count; i++)
        {
            var cost = costs[i];
            if (cost?.CreditCurrencyId is null || EdgeInput.CheckId("creditCurrencyId", cost.CreditCurrencyId) is not null || await catalog.GetCurrencyAsync(orgId, cost.CreditCurrencyId, http.RequestAborted) is null)
            {
                return Problems.Validation($"creditCosts[{i}].creditCurrencyId", "creditCurrencyId must name an existing credit currency.");
            }

            if (!seen.Add(cost.CreditCurrencyId))
            {
                return Problems.Validation($"creditCosts[{i}].creditCurrencyId", "each credit currency may appear once.");
            }

            if (cost.CostPerUnit is not { } perUnit || perUnit < 0 || perUnit > AmountLimits.MaxCostPerUnit || decimal.Round(perUnit, 6) != perUnit)
            {
                return Problems.Validation($"creditCosts[{i}].costPerUnit", "costPerUnit must be a number of minor units from 0 to 10^12, with at most 6 decimals.");
            }
        }

        var feature = new Feature
        {
            Id = Ids.New("feat", clock),
            Slug = request.Slug!,
            Name = request.Name.Trim(),
            CreditCosts = costs.Select(c => new CreditCost(c!.CreditCurrencyId!, c.CostPerUnit!.Value)).ToList(),
            CreatedAt = clock.GetUtcNow(),
        };
        return await catalog.TryCreateFeatureAsync(orgId, feature, http.RequestAborted)
            ? Results.Created($"/v1/features/{feature.Id}", feature)
            : Problems.From(new Failure(FailureCodes.Conflict, $"A feature with slug '{feature.Slug}' exists."));
    }

    private sealed record CreateCurrencyRequest(string? Name, string? Slug, string? Denomination, int? MinorUnitScale, OveragePolicy? Overage, TopUpPriceRequest? TopUpPrice);

    private sealed record TopUpPriceRequest(long? Amount, string? Currency);

    private sealed record CreateFeatureRequest(string? Slug, string? Name, IReadOnlyList<CreditCostRequest?>? CreditCosts);

    private sealed record CreditCostRequest(string? CreditCurrencyId, decimal? CostPerUnit);
}
