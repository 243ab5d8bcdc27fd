namespace UnitPay.Testing;

/// <summary>Waiting without sleeping blindly: poll a condition until it holds or a deadline passes.</summary>
public static class Poll
{
    /// <summary>
    /// Probes until <paramref name="done"/> holds, backing off from 20 ms up to <paramref name="maxInterval"/> (250 ms
    /// unless given: a benchmark that times the moment something happens asks for a short one).
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, TimeSpan? maxInterval = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + timeout;
        var longest = maxInterval ?? TimeSpan.FromMilliseconds(250);
        var delay = TimeSpan.FromMilliseconds(Math.Min(20, longest.TotalMilliseconds));
        T last;
        while (true)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}; last value: {last}");
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, longest.TotalMilliseconds));
        }
    }
}
