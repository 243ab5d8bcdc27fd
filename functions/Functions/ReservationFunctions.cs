using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Reservations;
using UnitPay.Functions.Api;

namespace UnitPay.Functions.Functions;

/// <summary>Reservations: reserve before you spend, then commit (up to the held amount) or release.</summary>
public sealed class ReservationFunctions(ReservationService reservations)
{

    [Function("CreateReservationHttp")]
    public async Task<IResult> ReserveAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/reservations")] HttpRequest req)
    {
        var http = req.HttpContext;
        var body = await RequestBody.ReadAsync<ReserveBody>(http.Request);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        var b = body.Value!;
        var badId = IdRules.ValidateCustomerRef("customerId", b.CustomerId)
            ?? (b.CreditCurrencyId is null ? null : EdgeInput.CheckId("creditCurrencyId", b.CreditCurrencyId))
            ?? (b.FeatureSlug is null ? null : IdRules.ValidateSlug("featureSlug", b.FeatureSlug));
        if (badId is not null)
        {
            return Problems.From(badId);
        }

        var result = await reservations.ReserveAsync(http.OrgId(), new ReserveRequest
        {
            CustomerId = b.CustomerId ?? string.Empty,
            CreditCurrencyId = b.CreditCurrencyId,
            Amount = b.Amount,
            FeatureSlug = b.FeatureSlug,
            Quantity = b.Quantity,
            TtlSeconds = b.TtlSeconds,
            Reference = b.Reference,
        }, http.RequestAborted);
        return result.IsSuccess
            ? Results.Created($"/v1/reservations/{result.Value.Hold.Id}", View(result.Value.WalletId, result.Value.Hold))
            : Problems.From(result.Failure!);
    }

    [Function("GetReservationHttp")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/reservations/{id}")] HttpRequest req, string id) =>
        await reservations.GetAsync(req.HttpContext.OrgId(), id, req.HttpContext.RequestAborted) is { } found
            ? Results.Ok(View(found.WalletId, found.Hold))
            : Problems.NotFound("Reservation " + id);

    [Function("CommitReservationHttp")]
    public async Task<IResult> CommitAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/reservations/{id}/commit")] HttpRequest req, string id)
    {
        var http = req.HttpContext;
        var body = await RequestBody.ReadOptionalAsync<CommitBody>(http.Request);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        var result = await reservations.CommitAsync(http.OrgId(), id, body.Value?.Amount, http.RequestAborted);
        return result.IsSuccess ? Results.Ok(View(result.Value.WalletId, result.Value.Hold)) : Problems.From(result.Failure!);
    }

    [Function("ReleaseReservationHttp")]
    public async Task<IResult> ReleaseAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/reservations/{id}/release")] HttpRequest req, string id)
    {
        var http = req.HttpContext;
        var result = await reservations.ReleaseAsync(http.OrgId(), id, http.RequestAborted);
        return result.IsSuccess ? Results.Ok(View(result.Value.WalletId, result.Value.Hold)) : Problems.From(result.Failure!);
    }

    private static object View(string walletId, Hold hold) => new
    {
        id = hold.Id,
        creditAccountId = walletId,
        customerId = hold.CustomerId,
        creditCurrencyId = hold.CreditCurrencyId,
        amount = hold.Amount,
        status = hold.Status.ToString().ToLowerInvariant(),
        expiresAt = hold.ExpiresAt,
        createdAt = hold.CreatedAt,
        resolvedAt = hold.ResolvedAt,
        committedAmount = hold.CommittedAmount,
        releasedAmount = hold.ReleasedAmount,
        featureSlug = hold.FeatureSlug,
        quantity = hold.Quantity,
        reference = hold.Reference,
        breakdown = CreditViews.Breakdown(hold.Breakdown),
    };

    private sealed record ReserveBody(string? CustomerId, string? CreditCurrencyId, long? Amount, string? FeatureSlug, decimal? Quantity, int? TtlSeconds, string? Reference);

    private sealed record CommitBody(long? Amount);
}
