namespace UnitPay.Client.Usage;

/// <summary>What one <see cref="UsageProducer.SendAsync"/> enqueued.</summary>
/// <param name="Events">Events sent.</param>
/// <param name="Messages">Queue messages they were packed into (each within the queue's 64 KiB).</param>
/// <param name="IdempotencyKeys">Aligned with the events: the key each carried (the caller's, or the one the producer gave it); the track API and the worker derive the event id from it.</param>
public sealed record UsageSendResult(int Events, int Messages, IReadOnlyList<string> IdempotencyKeys);
