using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Money;
using UnitPay.Core.TopUps;
using UnitPay.Functions.Api;

namespace UnitPay.Functions.Functions;

/// <summary>
/// Top-ups by amount and the attempt log. The contract spells the log <c>/v1/topup-attempts</c>; both that and
/// <c>/v1/top-up-attempts</c> (matching <c>/v1/top-ups</c>) are served.
/// </summary>
public sealed class TopUpFunctions(TopUpService topUps)
{
    /// <summary>
    /// <c>POST /v1/top-ups</c> -> 201 <c>{kind, topUp, invoiceLine?, client?}</c> (every answered top-up is a new attempt
    /// in the log, whatever its kind); the failures of <see cref="TopUpService.TopUpAsync"/> as problems.
    /// </summary>
    [Function("CreateTopUpHttp")]
    public async Task<IResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/top-ups")] HttpRequest req)
    {
        var http = req.HttpContext;
        var body = await RequestBody.ReadAsync<TopUpBody>(http.Request);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        var b = body.Value!;

        // Ids are checked here only when present: the service names every missing field at once.
        if (((b.CustomerId is null ? null : IdRules.ValidateCustomerRef("customerId", b.CustomerId))
            ?? (b.CreditCurrencyId is null ? null : EdgeInput.CheckId("creditCurrencyId", b.CreditCurrencyId))
            ?? (b.Amount is { } amount ? AmountLimits.ValidateTopUp("amount", amount) : null)) is { } bad)
        {
            return Problems.From(bad);
        }

        var settled = await topUps.TopUpAsync(http.OrgId(), new TopUpRequest
        {
            CustomerId = b.CustomerId,
            CreditCurrencyId = b.CreditCurrencyId,
            Amount = b.Amount,
            Currency = b.Currency,
            ForceForm = b.ForceForm ?? false,
            IdempotencyKey = IdempotencyKeyOf(http.Request),
        }, http.RequestAborted);
        return settled.IsSuccess ? Settlement(settled.Value!) : Problems.From(settled.Failure!);
    }

    [Function("ListTopUpAttemptsHttp")]
    public Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/top-up-attempts")] HttpRequest req) =>
        ListAttemptsAsync(req.HttpContext);

    /// <summary>The contract's spelling of <see cref="ListAsync"/>.</summary>
    [Function("ListTopUpAttemptsContractPathHttp")]
    public Task<IResult> ListContractSpellingAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/topup-attempts")] HttpRequest req) =>
        ListAttemptsAsync(req.HttpContext);

    [Function("GetTopUpAttemptHttp")]
    public Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/top-up-attempts/{id}")] HttpRequest req, string id) =>
        GetAttemptAsync(req.HttpContext, id);

    /// <summary>The contract's spelling of <see cref="GetAsync"/>.</summary>
    [Function("GetTopUpAttemptContractPathHttp")]
    public Task<IResult> GetContractSpellingAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/topup-attempts/{id}")] HttpRequest req, string id) =>
        GetAttemptAsync(req.HttpContext, id);

    /// <summary>A settlement as answered by top-ups and package purchases: 201, located at its attempt.</summary>
    internal static IResult Settlement(TopUpSettlement settlement) =>
        Results.Created($"/v1/top-up-attempts/{settlement.TopUp.Id}", new
        {
            kind = settlement.Kind,
            topUp = settlement.TopUp,
            invoiceLine = settlement.InvoiceLine,
            client = settlement.Client,
        });

    internal static string? IdempotencyKeyOf(HttpRequest request) =>
        request.Headers[IdempotentRequests.Header].ToString() is { Length: > 0 } key ? key : null;

    private async Task<IResult> GetAttemptAsync(HttpContext http, string id) =>
        await topUps.GetAttemptAsync(http.OrgId(), id, http.RequestAborted) is { } attempt
            ? Results.Ok(attempt)
            : Problems.NotFound("Top-up attempt " + id);

    private async Task<IResult> ListAttemptsAsync(HttpContext http)
    {
        var q = http.Request.Query;
        var limit = 20;
        if (q["limit"].ToString() is { Length: > 0 } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            return Problems.Validation("limit", $"limit must be a whole number from 1 (it is capped at {TopUpService.MaxPageSize}).");
        }

        string? Text(string name) => q[name].ToString() is { Length: > 0 } value ? value : null;
        var page = await topUps.ListAttemptsAsync(
            http.OrgId(),
            new TopUpAttemptQuery(Text("customerId"), Text("currencyId"), Text("status"), Text("triggerSource"), Math.Min(limit, TopUpService.MaxPageSize), Text("cursor")),
            http.RequestAborted);
        return page.IsSuccess
            ? Results.Ok(new { attempts = page.Value!.Attempts, nextCursor = page.Value.NextCursor })
            : Problems.From(page.Failure!);
    }

    private sealed record TopUpBody(string? CustomerId, string? CreditCurrencyId, long? Amount, string? Currency, bool? ForceForm);
}
