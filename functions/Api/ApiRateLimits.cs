using System.Threading.RateLimiting;
using UnitPay.Functions.Configuration;

namespace UnitPay.Functions.Api;

/// <summary>
/// Requests per second per API key, as token buckets (System.Threading.RateLimiting, the limiter ASP.NET Core's rate
/// limiting middleware uses): one bucket for the API, a separate and larger one for <c>POST /v1/usage/track</c>, whose
/// calls carry up to 1,000 events each. A bucket holds two seconds' worth, so a burst passes. Limits are per instance of
/// the app (each Functions instance counts its own requests); 0 turns a limit off.
/// </summary>
public sealed class ApiRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<(string Key, bool Track)> _limiter;

    public ApiRateLimits(AppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _limiter = PartitionedRateLimiter.Create<(string Key, bool Track), (string Key, bool Track)>(caller =>
        {
            var perSecond = caller.Track ? settings.TrackRateLimit : settings.ApiRateLimit;
            return perSecond <= 0
                ? RateLimitPartition.GetNoLimiter(caller)
                : RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perSecond * 2,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
        });
    }

    /// <summary>Null when the request may go ahead; otherwise how long the caller should wait.</summary>
    public TimeSpan? TryAcquire(string keyHash, bool track)
    {
        using var lease = _limiter.AttemptAcquire((keyHash, track));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => _limiter.Dispose();
}
