using UnitPay.Core.Billing;
using UnitPay.Core.Catalog;
using UnitPay.Core.Subscriptions;

namespace UnitPay.Functions.Api;

/// <summary>Subscriptions (subscribe, read, cancel) and the invoice lines their paid cycles add.</summary>
public static class SubscriptionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/subscriptions", SubscribeAsync);
        app.MapGet("/v1/subscriptions", ListAsync);
        app.MapGet("/v1/subscriptions/{id}", async (string id, HttpContext http, SubscriptionService subscriptions) =>
            await subscriptions.GetAsync(http.OrgId(), id, http.RequestAborted) is { } subscription
                ? Results.Ok(View(subscription))
                : Problems.NotFound("Subscription " + id));
        app.MapPost("/v1/subscriptions/{id}/cancel", async (string id, HttpContext http, SubscriptionService subscriptions) =>
        {
            var cancelled = await subscriptions.CancelAsync(http.OrgId(), id, http.RequestAborted);
            return cancelled.IsSuccess ? Results.Ok(View(cancelled.Value!)) : Problems.From(cancelled.Failure!);
        });
        app.MapGet("/v1/invoice-lines", InvoiceLinesAsync);
    }

    private static async Task<IResult> SubscribeAsync(HttpContext http, SubscriptionService subscriptions)
    {
        var body = await RequestBody.ReadAsync<SubscribeBody>(http.Request);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        var result = await subscriptions.SubscribeAsync(http.OrgId(), body.Value!.CustomerId, body.Value.PlanId, http.RequestAborted);
        if (!result.IsSuccess)
        {
            return Problems.From(result.Failure!);
        }

        var (kind, subscription) = result.Value!;
        return Results.Created($"/v1/subscriptions/{subscription.Id}", new { kind, subscription = View(subscription) });
    }

    private static async Task<IResult> ListAsync(HttpContext http, SubscriptionService subscriptions)
    {
        var customerId = http.Request.Query["customerId"].ToString();
        if (customerId.Length == 0)
        {
            return Problems.Validation("customerId", "customerId is required.");
        }

        var listed = await subscriptions.ListAsync(http.OrgId(), customerId, http.RequestAborted);
        return listed.IsSuccess
            ? Results.Ok(new { subscriptions = listed.Value!.Select(View).ToList() })
            : Problems.From(listed.Failure!);
    }

    private static async Task<IResult> InvoiceLinesAsync(HttpContext http, CatalogReader catalog, InvoiceLineStore lines)
    {
        var customerId = http.Request.Query["customerId"].ToString();
        if (customerId.Length == 0)
        {
            return Problems.Validation("customerId", "customerId is required.");
        }

        var customer = await catalog.CustomerAsync(http.OrgId(), customerId, http.RequestAborted);
        return customer is null
            ? Problems.NotFound("Customer " + customerId)
            : Results.Ok(new { invoiceLines = await lines.ListAsync(http.OrgId(), customer.Id, http.RequestAborted) });
    }

    private static object View(Subscription s) => new
    {
        id = s.Id,
        customerId = s.CustomerId,
        planId = s.PlanId,
        status = s.Status,
        collectionMethod = s.CollectionMethod,
        currentPeriodStart = s.CurrentPeriodStart,
        currentPeriodEnd = s.CurrentPeriodEnd,
        cancelAt = s.CancelAt,
        canceledAt = s.CanceledAt,
        endedAt = s.EndedAt,
        createdAt = s.CreatedAt,
    };

    private sealed record SubscribeBody(string? CustomerId, string? PlanId);
}
