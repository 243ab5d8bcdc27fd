using System.Globalization;
using UnitPay.Core.Catalog;
using UnitPay.Core.Ledger;
using UnitPay.Core.Money;

namespace UnitPay.Core.Wallets;

/// <summary>Overage: what a charge may overdraw, and the deficit's settlement at a cycle reset.</summary>
public sealed partial class WalletSession
{
    /// <summary>
    /// The cycle reset of a deficit, for the cycle that ends at <paramref name="cycleEnd"/>: <c>forgive_at_reset</c>
    /// writes it off (ADJUSTMENT / OVERAGE_FORGIVEN); <c>invoice_at_billing</c> clears what the caller invoiced,
    /// <paramref name="invoiced"/> credits at most (ADJUSTMENT / OVERAGE_INVOICED, naming
    /// <paramref name="invoiceLineId"/>); <c>carry_deficit</c> leaves it for the next grant to repay. A cycle end is
    /// settled once: the head records it, so a re-run of the same reset changes nothing. Returns what was cleared, or
    /// null when nothing was.
    /// </summary>
    public OverageSettlement? SettleOverageAtReset(DateTimeOffset cycleEnd, DateTimeOffset now, long invoiced = 0, string? invoiceLineId = null)
    {
        if (Head.OverageSettledThrough is { } settled && settled >= cycleEnd)
        {
            return null;
        }

        var (reason, amount) = Head.DeficitBehavior switch
        {
            OveragePolicy.ForgiveAtReset => (LedgerReason.OverageForgiven, Head.Deficit),
            OveragePolicy.InvoiceAtBilling => (LedgerReason.OverageInvoiced, Math.Min(Math.Max(0, invoiced), Head.Deficit)),
            _ => (LedgerReason.ManualAdjustment, 0L),
        };
        if (amount == 0)
        {
            return null;
        }

        var behavior = Head.DeficitBehavior!;
        var deficit = Head.Deficit - amount;
        Head = Head with { Deficit = deficit, DeficitBehavior = deficit == 0 ? null : behavior, OverageSettledThrough = cycleEnd };
        var metadata = new Dictionary<string, string> { ["cycleEnd"] = cycleEnd.ToString("O", CultureInfo.InvariantCulture) };
        if (reason == LedgerReason.OverageInvoiced && invoiceLineId is not null)
        {
            metadata["invoiceLineId"] = invoiceLineId;
        }

        var entry = Append(LedgerEntryType.Adjustment, reason, amount, amount, now, e => e with { Metadata = metadata });
        return new OverageSettlement(behavior, amount, entry);
    }

    // Written so that no sum can overflow, whatever the shortfall: the deficit never passes the limit, and no limit
    // passes AmountLimits.MaxOverageLimit (a currency stored before that bound cannot take a wallet further).
    private bool CanOverdraw(long shortfall, long overageLimit)
    {
        var limit = Math.Min(overageLimit, AmountLimits.MaxOverageLimit);
        return limit > 0 && Head.Deficit <= limit && shortfall <= limit - Head.Deficit;
    }
}
