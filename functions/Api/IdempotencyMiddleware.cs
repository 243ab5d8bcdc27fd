using System.Security.Cryptography;
using UnitPay.Core.Idempotency;
using UnitPay.Core.Results;

namespace UnitPay.Functions.Api;

/// <summary>
/// <c>Idempotency-Key</c> on POST/PUT/DELETE: the first request with a key is handled and its answer kept; the same
/// key with the same request replays that answer (header <c>Idempotent-Replayed: true</c>); the same key with a
/// different request is 409 IDEMPOTENCY_KEY_REUSED. Answers of 5xx are not kept, so a retry after a fault runs again.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 255;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || !request.Headers.TryGetValue(Header, out var values) || !context.TryGetOrgId(out var orgId))
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength)
        {
            await Problems.Validation(Header, $"{Header} must be 1 to {MaxKeyLength} characters.").ExecuteAsync(context);
            return;
        }

        request.EnableBuffering();
        using var hashing = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hashing.AppendData(System.Text.Encoding.UTF8.GetBytes(request.Method + " " + request.Path + request.QueryString + "\n"));
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            hashing.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        var requestHash = Convert.ToHexStringLower(hashing.GetHashAndReset());

        var decision = await store.BeginAsync(orgId, key, requestHash, context.RequestAborted);
        switch (decision)
        {
            case IdempotencyDecision.Replay replay:
                context.Response.StatusCode = replay.StatusCode;
                context.Response.ContentType = replay.ContentType;
                context.Response.Headers["Idempotent-Replayed"] = "true";
                await context.Response.WriteAsync(replay.Body, context.RequestAborted);
                return;
            case IdempotencyDecision.Mismatch:
                await Problems.From(new Failure(FailureCodes.IdempotencyKeyReused, $"{Header} '{key}' was already used with a different request.")).ExecuteAsync(context);
                return;
            case IdempotencyDecision.InProgress:
                await Problems.From(new Failure(FailureCodes.Conflict, $"A request with {Header} '{key}' is still being handled; retry shortly.")).ExecuteAsync(context);
                return;
        }

        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        catch
        {
            await store.AbandonAsync(orgId, key, CancellationToken.None);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        captured.Position = 0;
        var body = await new StreamReader(captured).ReadToEndAsync(context.RequestAborted);
        if (context.Response.StatusCode >= 500)
        {
            await store.AbandonAsync(orgId, key, CancellationToken.None);
        }
        else
        {
            await store.CompleteAsync(orgId, key, requestHash, context.Response.StatusCode, context.Response.ContentType ?? "application/json", body, CancellationToken.None);
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }
}
