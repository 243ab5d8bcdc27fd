using System.Collections.Concurrent;

namespace UnitPay.Benchmarks.Support;

/// <summary>
/// What a phase sent and the API accepted: each event by the id the API gave it, with its customer, its cost and the
/// moment its track call was answered. The invariant audit compares the ledgers with this.
/// </summary>
internal sealed class SentUsage
{
    private readonly ConcurrentDictionary<string, (string CustomerId, long Cost, DateTimeOffset AcceptedAt)> _events = new(StringComparer.Ordinal);

    /// <summary>Distinct events accepted.</summary>
    public int Count => _events.Count;

    public void Accepted(string eventId, PlannedEvent planned, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(planned);
        var first = _events.GetOrAdd(eventId, (planned.CustomerId, planned.Quantity, at));
        if (first.CustomerId != planned.CustomerId || first.Cost != planned.Quantity)
        {
            throw new InvalidOperationException($"The API gave event id {eventId} to two different events.");
        }
    }

    public bool TryAcceptedAt(string eventId, out DateTimeOffset at)
    {
        var found = _events.TryGetValue(eventId, out var e);
        at = e.AcceptedAt;
        return found;
    }

    /// <summary>The events sent to one customer, by id, with their cost.</summary>
    public IReadOnlyDictionary<string, long> CostsOf(string customerId) =>
        _events.Where(e => e.Value.CustomerId == customerId).ToDictionary(e => e.Key, e => e.Value.Cost, StringComparer.Ordinal);

    /// <summary>Every customer's sent events, by id, with their cost.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, long>> ByCustomer() =>
        _events.GroupBy(e => e.Value.CustomerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(e => e.Key, e => e.Value.Cost, StringComparer.Ordinal), StringComparer.Ordinal);
}
