using UnitPay.Functions.Local;

namespace UnitPay.Benchmarks.Support;

/// <summary>A started local trigger runner; disposing it stops it.</summary>
internal sealed class RunningTriggers(LocalTriggerRunner runner) : IAsyncDisposable
{
    /// <summary>Usage queue messages the runner's invocations completed (and deleted).</summary>
    public long MessagesSucceeded => runner.QueueListeners.Sum(q => q.Succeeded);

    public long MessagesFailed => runner.QueueListeners.Sum(q => q.Failed);

    public async ValueTask DisposeAsync()
    {
        await runner.StopAsync(CancellationToken.None);
        runner.Dispose();
    }
}
