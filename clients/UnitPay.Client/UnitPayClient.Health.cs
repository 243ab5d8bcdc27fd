using UnitPay.Client.Models;

namespace UnitPay.Client;

/// <content>Operations.</content>
public sealed partial class UnitPayClient
{
    /// <summary><c>GET /v1/health</c> (no key needed): 200 when storage answers; a degraded app (503) is a <see cref="UnitPayApiException"/> once retries run out.</summary>
    public Task<HealthStatus> GetHealthAsync(CancellationToken cancellationToken = default) =>
        GetAsync<HealthStatus>("health", cancellationToken);
}
