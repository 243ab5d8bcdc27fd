namespace UnitPay.Benchmarks.Support;

/// <summary>The usage a phase sends, decided up front from a seed so runs are comparable.</summary>
internal static class UsagePlan
{
    /// <summary>
    /// <paramref name="count"/> distinct events spread over <paramref name="customers"/>, each costing 1 to 3, with
    /// <paramref name="resendShare"/> of them sent a second time later on (same key: the same event, which must be
    /// applied once), as a client retrying a track call would.
    /// </summary>
    public static IReadOnlyList<PlannedEvent> Create(IReadOnlyList<string> customers, int count, double resendShare, int seed, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var random = new Random(seed);
        var events = new List<PlannedEvent>(count + (int)(count * resendShare) + 1);
        for (var i = 0; i < count; i++)
        {
            events.Add(new PlannedEvent(customers[random.Next(customers.Count)], $"{keyPrefix}-{i:D7}", random.Next(1, 4)));
            if (i > 0 && random.NextDouble() < resendShare)
            {
                events.Add(events[random.Next(events.Count)]);
            }
        }

        return events;
    }
}
