namespace UnitPay.Core.Webhooks;

/// <summary>
/// The hook of the stores whose changes emit webhook events (wallets; top-up attempts and subscriptions, partitioned
/// by organization). For a change that emits events (rare: grants, expiries, a low-balance crossing, a failed top-up, a
/// renewal; never plain usage) the writer calls <see cref="MarkAsync"/> before its transaction (a durable note that
/// the partition may hold undispatched outbox rows, for the sweeper) and <see cref="Committed"/> after it (which must
/// return at once: dispatch happens off the commit path).
/// </summary>
public interface IWebhookOutbox
{
    /// <summary>Notes that <paramref name="partition"/> of <paramref name="table"/> may hold outbox rows of <paramref name="orgId"/>.</summary>
    Task MarkAsync(string table, string partition, string orgId, CancellationToken cancellationToken);

    /// <summary>A transaction with outbox rows committed in <paramref name="partition"/> of <paramref name="table"/>.</summary>
    void Committed(string table, string partition);
}
