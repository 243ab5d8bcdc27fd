using UnitPay.Core.Catalog;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Money;
using UnitPay.Core.Plans;
using UnitPay.Core.Results;

namespace UnitPay.Core.Packages;

/// <summary>Creates, reads, lists and archives credit packages. Every field is validated at once; nothing is stored on bad input.</summary>
public sealed class CreditPackageService(CreditPackageStore packages, CatalogReader catalog, TimeProvider clock)
{
    /// <summary>The most credits one package grants, in minor units (as for a plan's grant rule).</summary>
    public const long MaxCredits = 1_000_000_000_000_000;
    public const int MaxPageSize = 100;

    private readonly Polly.ResiliencePipeline _concurrency = Storage.StorageResilience.OptimisticConcurrency(clock, maxAttempts: 10);

    /// <summary><c>POST /v1/credit-packages</c> -> 201 package; 400 VALIDATION_FAILED naming every bad field.</summary>
    public async Task<Outcome<CreditPackage>> CreateAsync(string orgId, CreditPackageDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Length > 200)
        {
            errors.Add("name", "name is required (1 to 200 characters).");
        }

        if (string.IsNullOrWhiteSpace(draft.CreditCurrencyId) || await catalog.CurrencyAsync(orgId, draft.CreditCurrencyId, cancellationToken) is null)
        {
            errors.Add("creditCurrencyId", "creditCurrencyId must name an existing credit currency.");
        }

        if (draft.Credits is not (> 0 and <= MaxCredits))
        {
            errors.Add("credits", $"credits is required: a positive integer of minor units of the credit currency, at most {MaxCredits}.");
        }

        Price? price = null;
        if (draft.Price is null)
        {
            errors.Add("price", "price is required: {amount, currency}.");
        }
        else
        {
            price = Price.Validate(draft.Price.Amount, draft.Price.Currency, "price", errors);
        }

        CalendarDuration? expiresAfter = null;
        if (draft.ExpiresAfter is not null)
        {
            if (CalendarDuration.TryParse(draft.ExpiresAfter, out var parsed))
            {
                expiresAfter = parsed;
            }
            else
            {
                errors.Add("expiresAfter", "expiresAfter must be an ISO-8601 duration with one unit, such as PT12H, P7D, P2W, P1M or P1Y.");
            }
        }

        if (!errors.IsEmpty)
        {
            return errors.ToFailure();
        }

        var package = new CreditPackage
        {
            Id = Ids.New("cpkg", clock),
            Name = draft.Name!.Trim(),
            CreditCurrencyId = draft.CreditCurrencyId!,
            Credits = draft.Credits!.Value,
            Price = price!,
            ExpiresAfter = expiresAfter,
            CreatedAt = clock.GetUtcNow(),
        };
        await packages.CreateAsync(orgId, package, cancellationToken);
        return package;
    }

    /// <summary><c>GET /v1/credit-packages/{id}</c>; null (404) when unknown or another organization's.</summary>
    public async Task<CreditPackage?> GetAsync(string orgId, string packageId, CancellationToken cancellationToken) =>
        Ids.HasPrefix(packageId, "cpkg") ? (await packages.ReadAsync(orgId, packageId, cancellationToken))?.Package : null;

    /// <summary><c>GET /v1/credit-packages</c>: oldest first, limit 1 to 100; 400 for a cursor this API did not issue.</summary>
    public async Task<Outcome<CreditPackagePage>> ListAsync(string orgId, CreditPackageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Cursor is { } cursor && !Ids.HasPrefix(cursor, "cpkg"))
        {
            return Failure.Validation("cursor", "cursor is not one this API issued.");
        }

        var (page, next) = await packages.ListAsync(orgId, query.Cursor, Math.Clamp(query.Limit, 1, MaxPageSize), query.IncludeArchived, cancellationToken);
        return new CreditPackagePage(page, next);
    }

    /// <summary><c>POST /v1/credit-packages/{id}/archive</c>: it sells no more (purchases made stand). Archiving twice answers the archived package.</summary>
    public async Task<Outcome<CreditPackage>> ArchiveAsync(string orgId, string packageId, CancellationToken cancellationToken)
    {
        if (!Ids.HasPrefix(packageId, "cpkg"))
        {
            return Failure.NotFound("Credit package " + packageId);
        }

        return await _concurrency.ExecuteAsync<Outcome<CreditPackage>>(async ct =>
        {
            if (await packages.ReadAsync(orgId, packageId, ct) is not { } read)
            {
                return Failure.NotFound("Credit package " + packageId);
            }

            if (read.Package.Status == CreditPackage.Archived)
            {
                return read.Package;
            }

            var archived = read.Package with { Status = CreditPackage.Archived, ArchivedAt = clock.GetUtcNow() };
            await packages.ReplaceAsync(orgId, archived, read.ETag, ct);
            return archived;
        }, cancellationToken);
    }
}
