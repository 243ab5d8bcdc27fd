using System.Globalization;
using System.Text.Json.Nodes;
using UnitPay.Core.Grants;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Ledger;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Webhooks;

/// <summary>
/// The webhook events a wallet commit emits, derived from the session it commits (pure): a CREDIT entry is
/// <c>credit.grant.created</c> (and <c>credit.topup.succeeded</c> when it is a top-up's, a package's or an auto top-up's);
/// an EXPIRE entry for expiry or a forfeited rollover is <c>credit.grant.expired</c>; a commit that takes the available
/// balance from above the wallet's low-balance threshold to at or below it is <c>credit.balance_low</c> (once per
/// crossing: the next one needs the balance to rise above the threshold first). Ids derive from the wallet, the ledger
/// sequence and the type, so the same commit always names the same events.
/// </summary>
public static class WalletWebhookEvents
{
    /// <summary>Whether a ledger entry is the subject of an event (checked as each entry is made: a few comparisons).</summary>
    public static bool IsSubject(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Type == LedgerEntryType.Credit
            || (entry.Type == LedgerEntryType.Expire && entry.Reason is LedgerReason.Expiration or LedgerReason.RolloverForfeit);
    }

    /// <summary>A commit from <paramref name="before"/> to <paramref name="after"/> crosses the low-balance threshold (unchanged by it) downwards.</summary>
    public static bool CrossesLowBalance(WalletHead before, WalletHead after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return after.LowBalanceThreshold is { } threshold && before.LowBalanceThreshold == threshold
            && before.Available > threshold && after.Available <= threshold;
    }

    /// <summary>The events of committing <paramref name="session"/> (empty for plain usage).</summary>
    public static IReadOnlyList<WebhookEvent> From(WalletSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!session.HasWebhookEvents)
        {
            return [];
        }

        var head = session.Head;
        var events = new List<WebhookEvent>();
        var grants = session.Grants.ToDictionary(g => g.Id, StringComparer.Ordinal);
        foreach (var entry in session.NewEntries.Where(IsSubject))
        {
            var grant = entry.GrantId is { } id && grants.TryGetValue(id, out var g) ? g : null;
            var data = Account(head);
            data["grantId"] = entry.GrantId;
            data["ledgerEntryId"] = WalletRows.LedgerEntryId(head.WalletId, entry.Sequence);
            data["reason"] = LedgerNames.ToWire(entry.Reason);
            data["balanceAfter"] = entry.BalanceAfter;
            if (entry.Type == LedgerEntryType.Credit)
            {
                data["amount"] = entry.Amount;
                data["source"] = grant is null ? null : GrantSources.ToWire(grant.Source);
                data["priority"] = grant?.Priority;
                data["expiresAt"] = grant?.ExpiresAt is { } expires ? Time(expires) : null;
                events.Add(Event(head, entry.Sequence, WebhookEventTypes.GrantCreated, entry.CreatedAt, data));
                if (entry.Reason is LedgerReason.Topup or LedgerReason.PackagePurchase or LedgerReason.AutoTopup)
                {
                    var topUp = Account(head);
                    topUp["topUpId"] = grant?.SourceRef;
                    topUp["grantId"] = entry.GrantId;
                    topUp["amount"] = entry.Amount;
                    topUp["reason"] = LedgerNames.ToWire(entry.Reason);
                    topUp["balanceAfter"] = entry.BalanceAfter;
                    events.Add(Event(head, entry.Sequence, WebhookEventTypes.TopUpSucceeded, entry.CreatedAt, topUp));
                }
            }
            else
            {
                data["expiredAmount"] = entry.Amount;
                events.Add(Event(head, entry.Sequence, WebhookEventTypes.GrantExpired, entry.CreatedAt, data));
            }
        }

        if (CrossesLowBalance(session.OpeningHead, head))
        {
            var data = Account(head);
            data["threshold"] = head.LowBalanceThreshold;
            data["availableBefore"] = session.OpeningHead.Available;
            data["available"] = head.Available;
            data["balance"] = head.Balance;
            data["ledgerSequence"] = head.LastSequence;
            events.Add(Event(head, head.LastSequence, WebhookEventTypes.BalanceLow, head.UpdatedAt, data));
        }

        return events;
    }

    /// <summary>The stable id of the event of <paramref name="type"/> about ledger sequence <paramref name="sequence"/> of a wallet.</summary>
    public static string EventId(string walletId, long sequence, string type) =>
        Ids.Derived(WebhookIds.EventPrefix, walletId, sequence.ToString(CultureInfo.InvariantCulture), type);

    private static WebhookEvent Event(WalletHead head, long sequence, string type, DateTimeOffset at, JsonObject data) =>
        new(EventId(head.WalletId, sequence, type), type, at, head.OrgId, data);

    private static JsonObject Account(WalletHead head) => new()
    {
        ["creditAccountId"] = head.WalletId,
        ["customerId"] = head.CustomerId,
        ["creditCurrencyId"] = head.CurrencyId,
    };

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
