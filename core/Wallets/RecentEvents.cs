namespace UnitPay.Core.Wallets;

/// <summary>
/// A bounded memory of outcomes this process committed: skips a redelivery without a failed write. Only a shortcut:
/// the marker row's insert in the store is what makes an event apply once. Not thread-safe: used under a lane's gate.
/// </summary>
internal sealed class RecentEvents(int capacity)
{
    private readonly Dictionary<string, EventOutcome> _byId = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Count => _byId.Count;

    public bool TryGet(string eventId, out EventOutcome outcome) => _byId.TryGetValue(eventId, out outcome!);

    /// <summary>Remembers an outcome (the first one for an id wins); past <c>capacity</c>, the oldest is forgotten.</summary>
    public void Add(string eventId, EventOutcome outcome)
    {
        if (_byId.TryAdd(eventId, outcome))
        {
            _order.Enqueue(eventId);
            if (_order.Count > capacity)
            {
                _byId.Remove(_order.Dequeue());
            }
        }
    }
}
