using UnitPay.Core.Catalog;
using UnitPay.Core.Money;
using UnitPay.Core.Results;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Usage;

/// <summary>
/// <c>check</c>: would this usage be covered right now? Read-only. Because deduction is asynchronous, a yes is not a
/// promise: a caller that must never overspend reserves first. See <see cref="Freshness"/> for how current the answer is.
/// </summary>
public sealed class CreditCheck(CatalogReader catalog, WalletEngine engine, TimeProvider clock)
{
    /// <summary>
    /// How old a wallet state this process wrote or read may be to answer a check from memory. A hot wallet is
    /// written every few milliseconds, so its checks never wait on storage; a wallet written by another instance is
    /// seen at most this late (deduction is asynchronous anyway: usage is applied tens of milliseconds after it is tracked).
    /// </summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromMilliseconds(250);

    public async Task<Outcome<CheckResult>> CheckAsync(string orgId, string customerIdOrExternal, string featureSlug, decimal requestedUsage, CancellationToken cancellationToken)
    {
        if (requestedUsage <= 0 || requestedUsage > CostCalculator.MaxQuantity)
        {
            return Failure.Validation("requestedUsage", "requestedUsage must be greater than zero and at most " + CostCalculator.MaxQuantity + ".");
        }

        if (UsageValidator.HasTooManyDecimals(requestedUsage))
        {
            return Failure.Validation("requestedUsage", $"requestedUsage may have at most {UsageValidator.MaxQuantityDecimals} decimal places, as a tracked quantity.");
        }

        var customer = await catalog.CustomerAsync(orgId, customerIdOrExternal, cancellationToken);
        if (customer is null)
        {
            return Failure.NotFound("Customer " + customerIdOrExternal);
        }

        var feature = await catalog.FeatureAsync(orgId, featureSlug, cancellationToken);
        if (feature is null)
        {
            return Failure.NotFound("Feature " + featureSlug);
        }

        var now = clock.GetUtcNow();
        var currencies = new List<CheckCurrency>();
        foreach (var cost in feature.CreditCosts)
        {
            if (!CostCalculator.TryResolve(requestedUsage, cost.CostPerUnit, 0, out var required))
            {
                return Failure.Validation("requestedUsage", "requestedUsage is too large: its cost does not fit in an amount.");
            }

            var overageLimit = (await catalog.CurrencyAsync(orgId, cost.CreditCurrencyId, cancellationToken))?.Overage.Limit ?? 0;
            var walletId = WalletDirectory.WalletIdFor(orgId, customer.Id, cost.CreditCurrencyId);
            var snapshot = await engine.ReadRecentAsync(walletId, Freshness, cancellationToken);
            if (snapshot is null)
            {
                currencies.Add(new CheckCurrency(cost.CreditCurrencyId, null, required <= overageLimit, 0, 0, required));
                continue;
            }

            // Holds are already out of the spendable credits; an allowed overage adds the room left in the deficit.
            var view = WalletView.At(snapshot, now);
            var coverable = view.Head.Status == WalletStatus.Active ? view.Coverable(now, overageLimit) : 0;
            currencies.Add(new CheckCurrency(cost.CreditCurrencyId, walletId, coverable >= required, view.Balance, view.Available, required));
        }

        var first = currencies.FirstOrDefault();
        return new CheckResult(
            currencies.All(c => c.Access),
            first?.Available ?? 0,
            first?.Balance ?? 0,
            first?.Required ?? 0,
            feature.Slug,
            currencies);
    }
}
