using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.Storage;
using UnitPay.Core.Webhooks;
using UnitPay.Functions.Api;

namespace UnitPay.Functions.Functions;

/// <summary>
/// Outbound webhook endpoints (create, with the signing secret shown once; list; read; delete), the attempts made at
/// one, and a credit account's low-balance threshold for <c>credit.balance_low</c>.
/// </summary>
public sealed class WebhookFunctions(WebhookEndpointService endpoints, WebhookDeliveryLog deliveries, LowBalanceThresholdService thresholds)
{
    private const string Route = "v1/webhook-endpoints";

    /// <summary>201 with the endpoint and its <c>secret</c> (<c>whsec_…</c>): the only answer that ever carries it.</summary>
    [Function("CreateWebhookEndpointHttp")]
    public async Task<IResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var body = await RequestBody.ReadAsync<WebhookEndpointRequest>(req);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        var created = await endpoints.CreateAsync(req.HttpContext.OrgId(), body.Value!, req.HttpContext.RequestAborted);
        if (!created.IsSuccess)
        {
            return Problems.From(created.Failure!);
        }

        var endpoint = created.Value!.Endpoint;
        return Results.Created($"/{Route}/{endpoint.Id}", new
        {
            id = endpoint.Id,
            url = endpoint.Url,
            eventTypes = endpoint.EventTypes,
            description = endpoint.Description,
            createdAt = endpoint.CreatedAt,
            secret = created.Value.Secret,
        });
    }

    [Function("ListWebhookEndpointsHttp")]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var all = await endpoints.ListAsync(req.HttpContext.OrgId(), req.HttpContext.RequestAborted);
        return Results.Ok(new { endpoints = all.Select(View) });
    }

    [Function("GetWebhookEndpointHttp")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{id}")] HttpRequest req, string id)
    {
        ArgumentNullException.ThrowIfNull(req);
        var found = await endpoints.GetAsync(req.HttpContext.OrgId(), id, req.HttpContext.RequestAborted);
        return found.IsSuccess ? Results.Ok(View(found.Value!)) : Problems.From(found.Failure!);
    }

    /// <summary>200 <c>{id, deleted: true}</c>; the endpoint gets nothing from now on (deliveries already queued for it are dropped).</summary>
    [Function("DeleteWebhookEndpointHttp")]
    public async Task<IResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route + "/{id}")] HttpRequest req, string id)
    {
        ArgumentNullException.ThrowIfNull(req);
        var refused = await endpoints.DeleteAsync(req.HttpContext.OrgId(), id, req.HttpContext.RequestAborted);
        return refused is null ? Results.Ok(new { id, deleted = true }) : Problems.From(refused);
    }

    /// <summary>Every attempt at the endpoint, newest first: <c>{deliveries, nextCursor}</c>; <c>limit</c> 1 to 100 (default 20).</summary>
    [Function("ListWebhookDeliveriesHttp")]
    public async Task<IResult> ListDeliveriesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{id}/deliveries")] HttpRequest req, string id)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var q = req.Query;
        var limit = 20;
        if (q["limit"].ToString() is { Length: > 0 } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            return Problems.Validation("limit", $"limit must be a whole number from 1 (it is capped at {WebhookDeliveryLog.MaxPageSize}).");
        }

        var cursor = q["cursor"].ToString() is { Length: > 0 } c ? c : null;
        if (cursor is not null && (!cursor.StartsWith(WebhookIds.DeliveryPrefix + "_", StringComparison.Ordinal) || !TableKeys.IsValid(cursor)))
        {
            return Problems.Validation("cursor", "cursor must be a nextCursor this endpoint returned.");
        }

        var endpoint = await endpoints.GetAsync(http.OrgId(), id, http.RequestAborted);
        if (!endpoint.IsSuccess)
        {
            return Problems.From(endpoint.Failure!);
        }

        var (attempts, next) = await deliveries.ListAsync(endpoint.Value!.Id, Math.Min(limit, WebhookDeliveryLog.MaxPageSize), cursor, http.RequestAborted);
        return Results.Ok(new
        {
            deliveries = attempts.Select(a => new
            {
                id = a.Id,
                eventId = a.EventId,
                eventType = a.EventType,
                attempt = a.Attempt,
                status = a.Status.ToString().ToLowerInvariant(),
                statusCode = a.StatusCode,
                durationMs = a.DurationMs,
                error = a.Error,
                attemptedAt = a.AttemptedAt,
                nextAttemptAt = a.NextAttemptAt,
            }),
            nextCursor = next,
        });
    }

    /// <summary>
    /// Sets (or, with <c>{"threshold": null}</c>, removes) the credit account's low-balance threshold: 200
    /// <c>{creditAccountId, lowBalanceThreshold}</c>. <c>credit.balance_low</c> fires once each time the available balance
    /// goes from above it to at or below it.
    /// </summary>
    [Function("PutLowBalanceThresholdHttp")]
    public async Task<IResult> PutLowBalanceThresholdAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/credit-accounts/{id}/low-balance-threshold")] HttpRequest req,
        string id)
    {
        ArgumentNullException.ThrowIfNull(req);
        var body = await RequestBody.ReadAsync<ThresholdBody>(req);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        var set = await thresholds.SetAsync(req.HttpContext.OrgId(), id, body.Value!.Threshold, req.HttpContext.RequestAborted);
        return set.IsSuccess
            ? Results.Ok(new { creditAccountId = set.Value!.WalletId, lowBalanceThreshold = set.Value.LowBalanceThreshold })
            : Problems.From(set.Failure!);
    }

    private static object View(WebhookEndpoint endpoint) => new
    {
        id = endpoint.Id,
        url = endpoint.Url,
        eventTypes = endpoint.EventTypes,
        description = endpoint.Description,
        createdAt = endpoint.CreatedAt,
    };

    private sealed record ThresholdBody(long? Threshold);
}
