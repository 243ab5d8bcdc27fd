using UnitPay.Core.Catalog;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Usage;

/// <summary>Answers "what happened to event X": reads the event's markers in the customer's wallets and the rejection log.</summary>
public sealed class UsageLookup(CatalogReader catalog, WalletDirectory directory, WalletStore store, UsageRejectionStore rejections)
{
    public async Task<EventStatus?> FindAsync(string orgId, string eventId, string customerIdOrExternal, CancellationToken cancellationToken)
    {
        var customer = await catalog.CustomerAsync(orgId, customerIdOrExternal, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var rejection = await rejections.FindAsync(orgId, eventId, cancellationToken);
        if (rejection is { } r)
        {
            return new EventStatus(eventId, "rejected", r.Reason, [], []);
        }

        var wallets = await directory.ListAsync(orgId, customer.Id, cancellationToken);
        var outcomes = new List<EventWalletOutcome>();
        foreach (var (currencyId, walletId) in wallets)
        {
            var outcome = await store.ReadOutcomeAsync(walletId, eventId, cancellationToken);
            if (outcome is not null)
            {
                outcomes.Add(new EventWalletOutcome(
                    walletId,
                    currencyId,
                    outcome.Status == EventOutcomeStatus.Applied ? "applied" : "rejected",
                    outcome.Reason,
                    outcome.Amount,
                    outcome.LedgerSequence is { } seq ? WalletRows.LedgerEntryId(walletId, seq) : null));
            }
        }

        if (outcomes.Count == 0)
        {
            return new EventStatus(eventId, "pending", null, [], []);
        }

        var firstRejection = outcomes.FirstOrDefault(o => o.Status == "rejected");
        return new EventStatus(
            eventId,
            firstRejection is null ? "applied" : "rejected",
            firstRejection?.Reason,
            outcomes.Where(o => o.LedgerEntryId is not null).Select(o => o.LedgerEntryId!).ToList(),
            outcomes);
    }
}
