using UnitPay.Core.Idempotency;
using UnitPay.Core.Results;

namespace UnitPay.Functions.Api;

/// <summary>
/// <c>Idempotency-Key</c> on POST/PUT/DELETE: the first request with a key is handled and its answer kept; the same
/// key with the same request (the same JSON, in any property order) replays that answer (header <c>Idempotent-Replayed: true</c>); the same key with a
/// different request is 409 IDEMPOTENCY_KEY_REUSED. Answers of 5xx are not kept, so a retry after a fault runs again.
/// </summary>
public sealed class IdempotentRequests(IdempotencyStore store)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 255;

    /// <summary>True when the request carries a key and is of a method that takes one.</summary>
    public static bool Applies(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && request.Headers.ContainsKey(Header);
    }

    /// <summary>Runs <paramref name="function"/> once per key: a replay, a mismatch or a key still in use answers without running it.</summary>
    public async Task<IResult> RunAsync(HttpContext http, string orgId, Func<Task<IResult>> function)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(function);
        var request = http.Request;
        var key = request.Headers[Header].ToString();
        if (key.Length is 0 or > MaxKeyLength)
        {
            return Problems.Validation(Header, $"{Header} must be 1 to {MaxKeyLength} characters.");
        }

        var requestHash = await FingerprintAsync(request);
        switch (await store.BeginAsync(orgId, key, requestHash, http.RequestAborted))
        {
            case IdempotencyDecision.Replay replay:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return new StoredResult(replay.StatusCode, replay.ContentType, replay.Body);
            case IdempotencyDecision.Mismatch:
                return Problems.From(new Failure(FailureCodes.IdempotencyKeyReused, $"{Header} '{key}' was already used with a different request."));
            case IdempotencyDecision.InProgress:
                return Problems.From(new Failure(FailureCodes.Conflict, $"A request with {Header} '{key}' is still being handled; retry shortly."));
        }

        StoredResult answer;
        try
        {
            answer = await StoredResult.RenderAsync(http, await function());
        }
        catch
        {
            await store.AbandonAsync(orgId, key, CancellationToken.None);
            throw;
        }

        if (answer.StatusCode >= 500)
        {
            await store.AbandonAsync(orgId, key, CancellationToken.None);
        }
        else
        {
            await store.CompleteAsync(orgId, key, requestHash, answer.StatusCode, answer.ContentType, answer.Body, CancellationToken.None);
        }

        return answer;
    }

    /// <summary>The request as Stripe compares it: method, path, query, and the parsed JSON body (property order and spacing do not count).</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return RequestFingerprint.Compute(request.Method, request.Path, request.QueryString.Value, body.GetBuffer().AsSpan(0, (int)body.Length));
    }
}
