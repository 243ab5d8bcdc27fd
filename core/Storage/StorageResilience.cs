using Polly;
using Polly.Retry;

namespace UnitPay.Core.Storage;

/// <summary>
/// The Polly pipelines of the storage dependency: one for transient faults (throttling, timeouts), one for
/// optimistic-concurrency conflicts on a wallet head. Both are jittered and bounded.
/// </summary>
public static class StorageResilience
{
    /// <summary>Retries what <see cref="StorageFailure"/> calls transient: exponential back-off with jitter, 6 tries.</summary>
    public static ResiliencePipeline Transient(TimeProvider clock) =>
        new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(StorageFailure.IsTransient),
                MaxRetryAttempts = 6,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(5),
            })
            .Build();

    /// <summary>
    /// Retries a read-decide-write cycle that lost an ETag race (412) or met a transient fault. Each retry re-reads,
    /// so it re-applies the decision to the state that won. Short jittered delays spread competing writers apart.
    /// </summary>
    public static ResiliencePipeline OptimisticConcurrency(TimeProvider clock, int maxAttempts = 50) =>
        new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => StorageFailure.IsConflict(e) || StorageFailure.IsTransient(e)),
                MaxRetryAttempts = maxAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(5),
                MaxDelay = TimeSpan.FromMilliseconds(500),
            })
            .Build();
}
