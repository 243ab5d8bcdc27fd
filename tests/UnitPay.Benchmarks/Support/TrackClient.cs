using System.Diagnostics;
using UnitPay.Testing;

namespace UnitPay.Benchmarks.Support;

/// <summary>Sends planned usage to <c>POST /v1/usage/track</c> in batches, and records what the API accepted.</summary>
internal sealed class TrackClient(HttpClient client, string featureSlug, SentUsage sent)
{
    /// <summary>Sends every batch as fast as the API answers, from <paramref name="concurrency"/> callers at once.</summary>
    public async Task SendAllAsync(IReadOnlyList<PlannedEvent> plan, int batchSize, int concurrency, CancellationToken cancellationToken)
    {
        var batches = plan.Chunk(batchSize).ToList();
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (batch, _) => await SendAsync(batch));
    }

    /// <summary>Sends batches on a fixed schedule (<paramref name="eventsPerSecond"/>), each without waiting for the one before.</summary>
    public async Task SendPacedAsync(IReadOnlyList<PlannedEvent> plan, int batchSize, double eventsPerSecond, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(batchSize / eventsPerSecond);
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        var n = 0;
        foreach (var batch in plan.Chunk(batchSize))
        {
            var due = interval * n++;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            inFlight.Add(SendAsync(batch));
        }

        await Task.WhenAll(inFlight);
    }

    private async Task SendAsync(PlannedEvent[] batch)
    {
        var body = new
        {
            events = batch.Select(e => new { customerId = e.CustomerId, featureSlug, quantity = e.Quantity, idempotencyKey = e.Key }),
        };
        var (status, answer) = await client.PostAsync("/v1/usage/track", body);
        var at = DateTimeOffset.UtcNow;
        Scenario.Ensure(status, 202, answer);
        if (answer.Num("rejected") != 0)
        {
            throw new InvalidOperationException("The API rejected planned usage: " + answer!.ToJsonString());
        }

        var ids = answer!["eventIds"]!.AsArray();
        for (var i = 0; i < batch.Length; i++)
        {
            sent.Accepted(ids[i]!.GetValue<string>(), batch[i], at);
        }
    }
}
