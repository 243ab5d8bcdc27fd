using System.Collections.Concurrent;
using UnitPay.Core.Customers;

namespace UnitPay.Core.Catalog;

/// <summary>
/// Cached reads of what the usage path looks up for every event (features by slug, customers). Only found objects
/// are cached, briefly: they are immutable once created, so a stale entry can only be missing, never wrong.
/// </summary>
public sealed class CatalogReader(CatalogStore catalog, CustomerStore customers, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<(string, string), (object Value, DateTimeOffset Until)> _cache = new();

    public Task<Feature?> FeatureAsync(string orgId, string slug, CancellationToken cancellationToken) =>
        CachedAsync(("feat:" + orgId, slug), () => catalog.GetFeatureBySlugAsync(orgId, slug, cancellationToken));

    public Task<CreditCurrency?> CurrencyAsync(string orgId, string currencyId, CancellationToken cancellationToken) =>
        CachedAsync(("cur:" + orgId, currencyId), () => catalog.GetCurrencyAsync(orgId, currencyId, cancellationToken));

    public Task<Customer?> CustomerAsync(string orgId, string idOrExternalId, CancellationToken cancellationToken) =>
        CachedAsync(("cus:" + orgId, idOrExternalId), () => customers.FindAsync(orgId, idOrExternalId, cancellationToken));

    private async Task<T?> CachedAsync<T>((string, string) key, Func<Task<T?>> load)
        where T : class
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(key, out var hit) && hit.Until > now)
        {
            return (T)hit.Value;
        }

        var value = await load();
        if (value is not null)
        {
            _cache[key] = (value, now + Lifetime);
        }

        return value;
    }
}
