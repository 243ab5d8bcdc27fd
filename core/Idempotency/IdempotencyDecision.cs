namespace UnitPay.Core.Idempotency;

/// <summary>What to do with a request that carries an Idempotency-Key.</summary>
public abstract record IdempotencyDecision
{
    private IdempotencyDecision()
    {
    }

    /// <summary>First time this key is seen: handle the request, then <see cref="IdempotencyStore.CompleteAsync"/>.</summary>
    public sealed record Proceed : IdempotencyDecision;

    /// <summary>Same key, same request, already answered: send this answer again.</summary>
    public sealed record Replay(int StatusCode, string ContentType, string Body) : IdempotencyDecision;

    /// <summary>Same key, different request body: 409 IDEMPOTENCY_KEY_REUSED.</summary>
    public sealed record Mismatch : IdempotencyDecision;

    /// <summary>Same key and request, still being handled by another call: 409 CONFLICT, try again shortly.</summary>
    public sealed record InProgress : IdempotencyDecision;
}
