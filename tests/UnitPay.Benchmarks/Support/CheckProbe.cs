using System.Diagnostics;
using UnitPay.Testing;

namespace UnitPay.Benchmarks.Support;

/// <summary>Times <c>POST /v1/check</c> for one customer, one call at a time, as a gate in front of a feature would call it.</summary>
internal sealed class CheckProbe(HttpClient client, string customerId, string featureSlug)
{
    public async Task<Latencies> SampleAsync(int count)
    {
        var latencies = new Latencies();
        for (var i = 0; i < count; i++)
        {
            latencies.Add(await CheckOnceAsync());
        }

        return latencies;
    }

    /// <summary>Checks over and over until <paramref name="stop"/> is cancelled.</summary>
    public async Task<Latencies> RunUntilAsync(CancellationToken stop)
    {
        var latencies = new Latencies();
        while (!stop.IsCancellationRequested)
        {
            latencies.Add(await CheckOnceAsync());
        }

        return latencies;
    }

    private async Task<TimeSpan> CheckOnceAsync()
    {
        var clock = Stopwatch.StartNew();
        var (status, body) = await client.PostAsync("/v1/check", new { customerId, featureSlug, requestedUsage = 1 });
        var elapsed = clock.Elapsed;
        Scenario.Ensure(status, 200, body);
        return elapsed;
    }
}
