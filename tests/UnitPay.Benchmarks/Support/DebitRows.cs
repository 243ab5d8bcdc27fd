using System.Globalization;
using UnitPay.Core.Deduction;
using UnitPay.Core.Ledger;
using UnitPay.Core.Wallets;

namespace UnitPay.Benchmarks.Support;

/// <summary>
/// A DEBIT ledger entry and its event marker with the content the engine gives them (see WalletSession.Debit), for
/// the writers that bypass the engine (the naive baseline, the raw ceiling), so every writer stores rows of one size.
/// </summary>
internal static class DebitRows
{
    public static LedgerEntry Entry(long sequence, long balanceBefore, long cost, string grantId, string featureSlug, string eventId, DateTimeOffset now) => new()
    {
        Sequence = sequence,
        Type = LedgerEntryType.Debit,
        Reason = LedgerReason.UsageDeduction,
        Amount = cost,
        BalanceBefore = balanceBefore,
        BalanceAfter = balanceBefore - cost,
        Breakdown = [new GrantDraw(grantId, cost)],
        FeatureSlug = featureSlug,
        EventId = eventId,
        CreatedAt = now,
        Metadata = new Dictionary<string, string>
        {
            ["quantity"] = cost.ToString(CultureInfo.InvariantCulture),
            ["eventTimestamp"] = now.ToString("O", CultureInfo.InvariantCulture),
        },
    };

    public static EventOutcome Marker(LedgerEntry entry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new EventOutcome
        {
            EventId = entry.EventId!,
            Status = EventOutcomeStatus.Applied,
            Amount = entry.Amount,
            LedgerSequence = entry.Sequence,
            FeatureSlug = entry.FeatureSlug!,
            ProcessedAt = now,
        };
    }
}
