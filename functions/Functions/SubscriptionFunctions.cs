using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.Billing;
using UnitPay.Core.Catalog;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Subscriptions;
using UnitPay.Functions.Api;

namespace UnitPay.Functions.Functions;

/// <summary>Subscriptions (subscribe, read, cancel) and the invoice lines their paid cycles add.</summary>
public sealed class SubscriptionFunctions(SubscriptionService subscriptions, CatalogReader catalog, InvoiceLineStore lines)
{
    [Function("GetSubscriptionHttp")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/subscriptions/{id}")] HttpRequest req, string id) =>
        await subscriptions.GetAsync(req.HttpContext.OrgId(), id, req.HttpContext.RequestAborted) is { } subscription
            ? Results.Ok(View(subscription))
            : Problems.NotFound("Subscription " + id);

    [Function("CancelSubscriptionHttp")]
    public async Task<IResult> CancelAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/subscriptions/{id}/cancel")] HttpRequest req, string id)
    {
        var cancelled = await subscriptions.CancelAsync(req.HttpContext.OrgId(), id, req.HttpContext.RequestAborted);
        return cancelled.IsSuccess ? Results.Ok(View(cancelled.Value!)) : Problems.From(cancelled.Failure!);
    }

    [Function("CreateSubscriptionHttp")]
    public async Task<IResult> SubscribeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/subscriptions")] HttpRequest req)
    {
        var http = req.HttpContext;
        var body = await RequestBody.ReadAsync<SubscribeBody>(http.Request);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        // Missing fields are reported together by the service; ids that are present must be ids.
        var (customerId, planId) = (body.Value!.CustomerId, body.Value.PlanId);
        var badId = (string.IsNullOrEmpty(customerId) ? null : IdRules.ValidateCustomerRef("customerId", customerId))
            ?? (string.IsNullOrEmpty(planId) ? null : EdgeInput.CheckId("planId", planId));
        if (badId is not null)
        {
            return Problems.From(badId);
        }

        var result = await subscriptions.SubscribeAsync(
            http.OrgId(),
            new SubscribeRequest { CustomerId = body.Value!.CustomerId, PlanId = body.Value.PlanId, ForceForm = body.Value.ForceForm ?? false },
            http.RequestAborted);
        if (!result.IsSuccess)
        {
            return Problems.From(result.Failure!);
        }

        var subscribed = result.Value!;
        return Results.Created($"/v1/subscriptions/{subscribed.Subscription.Id}", new { kind = subscribed.Kind, subscription = View(subscribed.Subscription), client = subscribed.Client });
    }

    [Function("ListSubscriptionsHttp")]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/subscriptions")] HttpRequest req)
    {
        var http = req.HttpContext;
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

    [Function("ListInvoiceLinesHttp")]
    public async Task<IResult> InvoiceLinesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/invoice-lines")] HttpRequest req)
    {
        var http = req.HttpContext;
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

    private sealed record SubscribeBody(string? CustomerId, string? PlanId, bool? ForceForm);
}
