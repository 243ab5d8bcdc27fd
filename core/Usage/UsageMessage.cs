namespace UnitPay.Core.Usage;

/// <summary>One queue message: the organization and one or many of its usage events (within the queue's 64 KiB).</summary>
public sealed record UsageMessage
{
    public string? OrgId { get; init; }

    public IReadOnlyList<UsageEvent>? Events { get; init; }
}
