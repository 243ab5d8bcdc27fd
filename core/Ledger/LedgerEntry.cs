using UnitPay.Core.Deduction;

namespace UnitPay.Core.Ledger;

/// <summary>
/// One append-only ledger entry of one wallet. <see cref="Sequence"/> is gapless per wallet, and entry n's
/// <see cref="BalanceAfter"/> is entry n+1's <see cref="BalanceBefore"/>. Amount is always positive; the type says
/// which way it moved. Entries are never edited: a correction is a new entry.
/// </summary>
public sealed record LedgerEntry
{
    public required long Sequence { get; init; }

    public required LedgerEntryType Type { get; init; }

    public required LedgerReason Reason { get; init; }

    public required long Amount { get; init; }

    public required long BalanceBefore { get; init; }

    public required long BalanceAfter { get; init; }

    public IReadOnlyList<GrantDraw> Breakdown { get; init; } = [];

    public string? FeatureSlug { get; init; }

    public string? EventId { get; init; }

    public string? GrantId { get; init; }

    public string? HoldId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
