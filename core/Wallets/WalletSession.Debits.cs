using System.Globalization;
using UnitPay.Core.Deduction;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;

namespace UnitPay.Core.Wallets;

/// <summary>Usage debits: FIFO deduction of one charge, with overage when the currency allows it, or a recorded rejection.</summary>
public sealed partial class WalletSession
{
    /// <summary>
    /// Deducts one usage charge FIFO, or records why it cannot. The outcome is recorded either way: an event
    /// is applied or rejected, never dropped.
    /// </summary>
    public EventOutcome Debit(UsageCharge charge, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(charge);
        ArgumentOutOfRangeException.ThrowIfNegative(charge.Amount);
        if (Head.Status != WalletStatus.Active)
        {
            return Record(charge, EventOutcomeStatus.Rejected, Head.Status == WalletStatus.Frozen ? "WALLET_FROZEN" : "WALLET_CLOSED", null, now);
        }

        var spendable = SpendableAt(now);
        var shortfall = Math.Max(0, charge.Amount - spendable);
        if (shortfall > 0 && !CanOverdraw(shortfall, charge.OverageLimit))
        {
            return Record(charge, EventOutcomeStatus.Rejected, "INSUFFICIENT_CREDITS", null, now);
        }

        var plan = FifoDeduction.Plan(OpenGrantBalances(), charge.Amount - shortfall, now);
        if (!plan.IsFullyCovered)
        {
            // SpendableAt said it fits; a mismatch here is a bug, not a business outcome.
            throw new InvalidOperationException("FIFO plan did not cover an amount the spendable total covered.");
        }

        Draw(plan.Draws, now);
        if (shortfall > 0)
        {
            Head = Head with { Deficit = checked(Head.Deficit + shortfall), DeficitBehavior = charge.OverageBehavior };
        }

        var metadata = new Dictionary<string, string>
        {
            ["quantity"] = charge.Quantity.ToString(CultureInfo.InvariantCulture),
            ["eventTimestamp"] = charge.EventTimestamp.ToString("O", CultureInfo.InvariantCulture),
        };
        if (shortfall > 0)
        {
            metadata["overage"] = shortfall.ToString(CultureInfo.InvariantCulture);
        }

        var entry = charge.Amount == 0
            ? null
            : Append(LedgerEntryType.Debit, LedgerReason.UsageDeduction, charge.Amount, -charge.Amount, now, e => e with
            {
                Breakdown = plan.Draws,
                FeatureSlug = charge.FeatureSlug,
                EventId = charge.EventId,
                Metadata = metadata,
            });
        return Record(charge, EventOutcomeStatus.Applied, null, entry?.Sequence, now);
    }

    /// <summary>Takes a FIFO plan's draws out of the grants' free credits.</summary>
    private void Draw(IEnumerable<GrantDraw> draws, DateTimeOffset now)
    {
        foreach (var draw in draws)
        {
            var grant = _grants[draw.GrantId];
            var remaining = grant.Remaining - draw.Amount;
            SetGrant(grant with { Remaining = remaining, Status = remaining == 0 ? ClosedStatus(grant, now) : GrantStatus.Open });
        }
    }
}
