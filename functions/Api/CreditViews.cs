using UnitPay.Core.AutoTopUp;
using UnitPay.Core.Catalog;
using UnitPay.Core.Deduction;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Wallets;

namespace UnitPay.Functions.Api;

/// <summary>The public JSON shapes of wallets, grants and ledger entries.</summary>
public static class CreditViews
{
    /// <summary>A credit account as the API shows it, with its auto top-up rule and what the attempt log says of it.</summary>
    public static object Account(WalletView view, CreditCurrency? currency, AutoTopUpWalletState? autoTopUp = null) => new
    {
        id = view.Head.WalletId,
        customerId = view.Head.CustomerId,
        creditCurrencyId = view.Head.CurrencyId,
        currency = currency is null ? null : new { currency.Id, currency.Name, currency.Slug, currency.Denomination, currency.MinorUnitScale },
        status = view.Head.Status.ToString().ToLowerInvariant(),
        balance = view.Balance,
        reserved = view.Reserved,
        available = view.Available,
        deficit = view.Deficit,
        lowBalanceThreshold = view.Head.LowBalanceThreshold,
        grants = view.OpenGrants.Select(g => Grant(view.Head.WalletId, view.Head, g)).ToList(),
        autoTopup = autoTopUp?.AutoTopup,
        autoTopupRuntime = autoTopUp?.AutoTopupRuntime,
        effectiveFundingMethod = autoTopUp?.EffectiveFundingMethod,
        createdAt = view.Head.CreatedAt,
    };

    public static object Grant(string walletId, WalletHead? head, Grant grant, string? ledgerEntryId = null) => new
    {
        id = grant.Id,
        creditAccountId = walletId,
        customerId = head?.CustomerId,
        creditCurrencyId = head?.CurrencyId,
        source = GrantSources.ToWire(grant.Source),
        amount = grant.Amount,
        remaining = grant.Remaining,
        held = grant.Held,
        priority = grant.Priority,
        effectiveAt = grant.EffectiveAt,
        expiresAt = grant.ExpiresAt,
        status = grant.Status.ToString().ToLowerInvariant(),
        parentGrantId = grant.ParentGrantId,
        rolloverCount = grant.RolloverCount,
        reason = grant.Reason,
        createdAt = grant.CreatedAt,
        ledgerEntryId,
    };

    public static object Entry(string walletId, LedgerEntry entry) => new
    {
        id = WalletRows.LedgerEntryId(walletId, entry.Sequence),
        creditAccountId = walletId,
        sequence = entry.Sequence,
        type = LedgerNames.ToWire(entry.Type),
        reason = LedgerNames.ToWire(entry.Reason),
        amount = entry.Amount,
        balanceBefore = entry.BalanceBefore,
        balanceAfter = entry.BalanceAfter,
        breakdown = Breakdown(entry.Breakdown),
        featureSlug = entry.FeatureSlug,
        eventId = entry.EventId,
        grantId = entry.GrantId,
        holdId = entry.HoldId,
        createdAt = entry.CreatedAt,
        metadata = entry.Metadata,
    };

    /// <summary>Per-grant amounts (of a ledger entry or a hold) as the API shows them.</summary>
    public static List<object> Breakdown(IEnumerable<GrantDraw> draws) =>
        [.. draws.Select(d => (object)new { grantId = d.GrantId, amount = d.Amount })];
}
