using Microsoft.AspNetCore.Http.Features;
using UnitPay.Core.Results;

namespace UnitPay.Functions.Api;

/// <summary>
/// What every HTTP function gets, written once and run by both hosts around the function (the worker's middleware
/// under the Functions host, the local host locally): a body-size limit, API-key authentication, a rate limit per key
/// (<see cref="ApiRateLimits"/>), route values and query
/// parameters that storage could not take refused with a 400 (<see cref="EdgeInput"/>), Idempotency-Key replay, and
/// problem+json for anything that escapes (bad bodies 4xx, faults 500 with a log line).
/// </summary>
public sealed partial class ApiPipeline(ApiKeyAuthenticator authenticator, ApiRateLimits rateLimits, IdempotentRequests idempotency, ILogger<ApiPipeline> logger)
{
    public const long MaxRequestBodyBytes = 10 * 1024 * 1024;

    public async Task<IResult> RunAsync(HttpContext http, Func<Task<IResult>> function)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(function);
        try
        {
            if (http.Request.ContentLength > MaxRequestBodyBytes)
            {
                return TooLarge();
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxRequestBodyBytes;
            }

            if (ApiKeyAuthenticator.IsPublic(http.Request.Path))
            {
                return await function();
            }

            var caller = await authenticator.AuthenticateAsync(http.Request);
            if (!caller.IsSuccess)
            {
                return Problems.From(caller.Failure!);
            }

            var track = http.Request.Path.Equals("/v1/usage/track", StringComparison.OrdinalIgnoreCase);
            if (rateLimits.TryAcquire(caller.Value!.KeyHash, track) is { } retryAfter)
            {
                var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problems.From(new Failure(FailureCodes.RateLimited, $"Too many requests for this API key; retry after {seconds} s."));
            }

            var orgId = caller.Value.OrgId;
            http.SetOrgId(orgId);
            if (EdgeInput.CheckAddressing(http.Request) is { } unaddressable)
            {
                return Problems.From(unaddressable);
            }

            return IdempotentRequests.Applies(http.Request)
                ? await idempotency.RunAsync(http, orgId, function)
                : await function();
        }
        catch (BadHttpRequestException bad)
        {
            return bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge()
                : Problems.From(new Failure(FailureCodes.ValidationFailed, "The request could not be read: " + bad.Message));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Results.StatusCode(499); // the caller went away; nobody reads this
        }
        catch (Exception e)
        {
            LogUnhandled(logger, e, http.Request.Method, http.Request.Path);
            return Results.Problem(
                title: "The request failed on our side.",
                detail: "An unexpected error occurred; nothing was charged twice. Retry with the same Idempotency-Key.",
                statusCode: StatusCodes.Status500InternalServerError,
                extensions: new Dictionary<string, object?> { ["code"] = "INTERNAL" });
        }
    }

    private static IResult TooLarge() =>
        Problems.From(new Failure(FailureCodes.PayloadTooLarge, $"The body is larger than {MaxRequestBodyBytes} bytes."));

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
