namespace UnitPay.Core.Catalog;

/// <summary>What happens when a wallet cannot cover usage. Only <c>reject</c> is supported so far: nothing is deducted and the event is recorded as rejected.</summary>
public sealed record OveragePolicy
{
    public string Mode { get; init; } = "reject";
}
