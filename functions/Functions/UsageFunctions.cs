using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using UnitPay.Contracts.Usage;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Results;
using UnitPay.Core.Storage;
using UnitPay.Core.Usage;
using UnitPay.Functions.Api;

namespace UnitPay.Functions.Functions;

/// <summary>Track (enqueue), event lookup and the real-time check.</summary>
public sealed class UsageFunctions(UsageTracker tracker, UsageLookup lookup, CreditCheck check)
{

    [Function("TrackUsageHttp")]
    public async Task<IResult> TrackAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/usage/track")] HttpRequest req)
    {
        var http = req.HttpContext;
        if (RequestBody.ContentTypeProblem(http.Request) is { } wrongType)
        {
            return Problems.From(wrongType); // as every other route: a text/plain body is not taken for JSON
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException e)
        {
            return Problems.Validation("body", "The body is not valid JSON: " + e.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Problems.Validation("body", "The body must be one event object or {\"events\": [...]}.");
            }

            if (root.TryGetProperty("events", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                {
                    return Problems.Validation("events", "events must be a non-empty array of events.");
                }

                if (list.GetArrayLength() > UsageTracker.MaxBatch)
                {
                    return Problems.From(new Failure(FailureCodes.PayloadTooLarge, $"A batch holds at most {UsageTracker.MaxBatch} events; this one has {list.GetArrayLength()}."));
                }

                // Each event is read on its own: one with a wrong type is that event's rejection, not the batch's failure.
                var events = new List<UsageEvent>();
                var shapeProblems = new List<UsageRejection>();
                var index = 0;
                foreach (var item in list.EnumerateArray())
                {
                    var parsed = Parse(item, out var problem);
                    events.Add(parsed ?? new UsageEvent());
                    if (problem is not null)
                    {
                        shapeProblems.Add(new UsageRejection(index, FailureCodes.ValidationFailed, problem));
                    }

                    index++;
                }

                var malformed = shapeProblems.Select(r => r.Index).ToHashSet();
                var valid = events.Select((e, i) => (e, i)).Where(x => !malformed.Contains(x.i)).ToList();
                var result = await tracker.TrackAsync(http.OrgId(), valid.Select(x => x.e).ToList(), http.RequestAborted);
                var ids = new string?[events.Count];
                for (var k = 0; k < valid.Count; k++)
                {
                    ids[valid[k].i] = result.EventIds[k];
                }

                var rejections = shapeProblems
                    .Concat(result.Rejections.Select(r => r with { Index = valid[r.Index].i }))
                    .OrderBy(r => r.Index)
                    .ToList();
                return Results.Json(
                    new TrackResult(result.Accepted, rejections.Count, rejections, ids),
                    JsonRows.Options,
                    statusCode: StatusCodes.Status202Accepted);
            }

            var single = Parse(root, out var singleProblem);
            if (single is null)
            {
                return Problems.Validation("body", singleProblem!);
            }

            var outcome = await tracker.TrackAsync(http.OrgId(), [single], http.RequestAborted);
            if (outcome.Rejections is [var rejection])
            {
                return Problems.From(rejection.Reason == "NOT_FOUND"
                    ? new Failure(FailureCodes.NotFound, rejection.Message)
                    : new Failure(FailureCodes.ValidationFailed, rejection.Message));
            }

            return Results.Json(outcome, JsonRows.Options, statusCode: StatusCodes.Status202Accepted);
        }
    }

    private static UsageEvent? Parse(JsonElement element, out string? problem)
    {
        problem = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = "An event must be a JSON object.";
            return null;
        }

        if (element.TryGetProperty("eventId", out _))
        {
            problem = "eventId is assigned by the API; send idempotencyKey to name an event yourself.";
            return null;
        }

        try
        {
            return element.Deserialize<UsageEvent>(JsonRows.Options);
        }
        catch (JsonException e)
        {
            problem = "The event's " + (e.Path ?? "?").TrimStart('$', '.') + " has the wrong type: " + RequestBody.Clean(e.Message);
            return null;
        }
    }

    [Function("GetUsageEventHttp")]
    public async Task<IResult> EventAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/usage/events/{eventId}")] HttpRequest req, string eventId)
    {
        var http = req.HttpContext;
        var customerId = http.Request.Query["customerId"].ToString();
        if (string.IsNullOrEmpty(customerId))
        {
            return Problems.Validation("customerId", "customerId is required: events are looked up in the customer's wallets.");
        }

        var status = await lookup.FindAsync(http.OrgId(), eventId, customerId, http.RequestAborted);
        return status is null ? Problems.NotFound("Customer " + customerId) : Results.Json(status, JsonRows.Options);
    }

    [Function("CheckAccessHttp")]
    public async Task<IResult> CheckAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/check")] HttpRequest req)
    {
        var http = req.HttpContext;
        var body = await RequestBody.ReadAsync<CheckBody>(http.Request);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        var b = body.Value!;
        if ((IdRules.ValidateCustomerRef("customerId", b.CustomerId) ?? IdRules.ValidateSlug("featureSlug", b.FeatureSlug)) is { } badId)
        {
            return Problems.From(badId);
        }

        var result = await check.CheckAsync(http.OrgId(), b.CustomerId!, b.FeatureSlug!, b.RequestedUsage ?? 1m, http.RequestAborted);
        if (!result.IsSuccess)
        {
            return Problems.From(result.Failure!);
        }

        var r = result.Value!;
        return Results.Ok(new
        {
            access = r.Access,
            remaining = r.Remaining,
            creditBalance = r.CreditBalance,
            required = r.Required,
            feature = new { slug = r.FeatureSlug, type = "credits" },
            currencies = r.Currencies,
        });
    }

    private sealed record CheckBody(string? CustomerId, string? FeatureSlug, decimal? RequestedUsage);
}
