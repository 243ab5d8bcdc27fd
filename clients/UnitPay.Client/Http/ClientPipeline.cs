using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace UnitPay.Client.Http;

/// <summary>
/// The client's one resilience pipeline: bounded retries of 429, 5xx, per-attempt timeouts and network failures, with
/// jittered exponential back-off, or the server's <c>Retry-After</c> (plus a little jitter) when it gives one. Every
/// attempt of a call carries the same Idempotency-Key, so a retried POST is applied once.
/// </summary>
internal static class ClientPipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Build(UnitPayClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, options, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterOf(args.Outcome.Result, options.TimeProvider) is { } wait
                    ? wait + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1 + (int)Math.Min(1000, wait.TotalMilliseconds / 5)))
                    : (TimeSpan?)null),
            });
        }

        builder.AddTimeout(options.Timeout);
        return builder.Build();
    }

    /// <summary>The wait an answer asks for, from <c>Retry-After</c> (seconds or a date), or null.</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage? response, TimeProvider clock)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - clock.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome, UnitPayClientOptions options, CancellationToken callerToken)
    {
        if (outcome.Exception is { } e)
        {
            // The caller's own cancellation ends the call; a timeout (ours or the HttpClient's) does not.
            return e is HttpRequestException or TimeoutRejectedException
                || (e is OperationCanceledException && !callerToken.IsCancellationRequested);
        }

        var response = outcome.Result!;
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.TooManyRequests || status is >= 500 and not 501 and not 505)
        {
            // A wait longer than we are willing to take is the caller's decision: surface it.
            return RetryAfterOf(response, options.TimeProvider) is not { } wait || wait <= options.MaxRetryDelay;
        }

        return false;
    }
}
