using UnitPay.Core.Ledger;

namespace UnitPay.Core.Wallets;

/// <summary>Filters of a ledger read. One of <see cref="CustomerId"/> or <see cref="CreditAccountId"/> scopes it.</summary>
public sealed record LedgerQuery
{
    public string? CustomerId { get; init; }

    public string? CreditAccountId { get; init; }

    public string? CreditCurrencyId { get; init; }

    public LedgerEntryType? Type { get; init; }

    public string? FeatureSlug { get; init; }

    public DateTimeOffset? CreatedAfter { get; init; }

    public DateTimeOffset? CreatedBefore { get; init; }

    public int Limit { get; init; } = 50;

    public string? Cursor { get; init; }

    public bool Matches(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (Type is null || entry.Type == Type)
            && (FeatureSlug is null || string.Equals(entry.FeatureSlug, FeatureSlug, StringComparison.Ordinal))
            && (CreatedAfter is null || entry.CreatedAt >= CreatedAfter)
            && (CreatedBefore is null || entry.CreatedAt <= CreatedBefore);
    }
}
