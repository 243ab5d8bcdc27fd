namespace UnitPay.Contracts.Usage;

/// <summary>One queue message: the organization and one or many of its usage events (within the queue's 64 KiB).</summary>
public sealed record UsageMessage
{
    /// <summary>The organization (<c>org_…</c>) the events belong to.</summary>
    public string? OrgId { get; init; }

    /// <summary>The events, applied by the worker in order, folded per wallet.</summary>
    public IReadOnlyList<UsageEvent>? Events { get; init; }
}
