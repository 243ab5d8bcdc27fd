using UnitPay.Core.Catalog;
using UnitPay.Core.Grants;
using UnitPay.Core.Money;
using UnitPay.Core.Results;
using UnitPay.Core.Wallets;
using UnitPay.Core.Usage;

namespace UnitPay.Core.Reservations;

/// <summary>
/// Reserve before you spend: places, commits and releases holds. Every operation is one ETag-guarded transaction on
/// the wallet partition (through <see cref="WalletEngine.MutateAsync{T}"/>), and a hold resolves at most once: the
/// hold row's status is part of the same transaction as the ledger entries that resolve it.
/// </summary>
public sealed class ReservationService(
    WalletEngine engine,
    WalletStore store,
    CatalogReader catalog,
    ExpirySweeper expiries,
    TimeProvider clock)
{
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MaxTtl = TimeSpan.FromHours(24);

    public static bool TryWalletOfHold(string holdId, out string walletId) => WalletDirectory.TryWalletOf("hold", holdId, out walletId);

    public async Task<Outcome<(string WalletId, Hold Hold)>> ReserveAsync(string orgId, ReserveRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var customer = await catalog.CustomerAsync(orgId, request.CustomerId, cancellationToken);
        if (customer is null)
        {
            return Failure.NotFound("Customer " + request.CustomerId);
        }

        var priced = await PriceAsync(orgId, request, cancellationToken);
        if (!priced.IsSuccess)
        {
            return priced.Failure!;
        }

        var (currencyId, amount, featureSlug) = priced.Value;
        var walletId = WalletDirectory.WalletIdFor(orgId, customer.Id, currencyId);
        if (await engine.ReadOwnedAsync(orgId, walletId, cancellationToken) is null)
        {
            return new Failure(FailureCodes.InsufficientCredits, "The customer has no credits in this currency; nothing can be reserved.");
        }

        var now = clock.GetUtcNow();
        var hold = new Hold
        {
            Id = WalletDirectory.NewScopedId("hold", walletId, clock),
            CustomerId = customer.Id,
            CreditCurrencyId = currencyId,
            Amount = amount,
            Breakdown = [],
            ExpiresAt = now + (request.TtlSeconds is { } ttl ? TimeSpan.FromSeconds(ttl) : DefaultTtl),
            CreatedAt = now,
            FeatureSlug = featureSlug,
            Quantity = request.Quantity,
            Reference = request.Reference,
        };

        // Listed before it is written, so the expiry timer always finds a hold that was placed.
        await expiries.ListAsync(walletId, hold.Id, hold.ExpiresAt, cancellationToken);
        var placed = await engine.MutateAsync(walletId, (session, at) => session.PlaceHold(hold with { CreatedAt = at }, at), cancellationToken);
        return placed.IsSuccess ? (walletId, placed.Value!) : placed.Failure!;
    }

    /// <summary>Commits up to the held amount (all of it when <paramref name="amount"/> is null); the rest is released.</summary>
    public async Task<Outcome<(string WalletId, Hold Hold)>> CommitAsync(string orgId, string holdId, long? amount, CancellationToken cancellationToken)
    {
        var found = await FindOpenAsync(orgId, holdId, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Failure!;
        }

        var (walletId, stored) = found.Value;
        var capture = amount ?? stored.Amount;
        if (capture <= 0 || capture > stored.Amount)
        {
            return Failure.Validation("amount", $"amount must be between 1 and the held amount, {stored.Amount}.");
        }

        return await ResolveAsync(walletId, holdId, (session, at) => session.Head.Status switch
        {
            WalletStatus.Active => session.CommitHold(holdId, capture, at) is { } committed ? (Outcome<Hold>?)committed : null,
            WalletStatus.Frozen => new Failure(FailureCodes.WalletFrozen, "The credit account is frozen; release the reservation or unfreeze the account."),
            _ => new Failure(FailureCodes.Conflict, "The credit account is closed."),
        }, cancellationToken);
    }

    /// <summary>Releases a hold in full.</summary>
    public async Task<Outcome<(string WalletId, Hold Hold)>> ReleaseAsync(string orgId, string holdId, CancellationToken cancellationToken)
    {
        var found = await FindOpenAsync(orgId, holdId, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Failure!;
        }

        return await ResolveAsync(found.Value.WalletId, holdId, (session, at) => session.ReleaseHold(holdId, at) is { } released ? (Outcome<Hold>?)released : null, cancellationToken);
    }

    public async Task<(string WalletId, Hold Hold)?> GetAsync(string orgId, string holdId, CancellationToken cancellationToken)
    {
        if (!TryWalletOfHold(holdId, out var walletId) || await engine.ReadOwnedAsync(orgId, walletId, cancellationToken) is null)
        {
            return null;
        }

        var hold = await store.ReadHoldAsync(walletId, holdId, cancellationToken);
        return hold is null ? null : (walletId, hold);
    }

    /// <summary>The longest <see cref="ReserveRequest.Reference"/> (as a grant's reason).</summary>
    public const int MaxReferenceLength = 500;

    private static Failure? Validate(ReserveRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.CustomerId))
        {
            return Failure.Validation("customerId", "customerId is required.");
        }

        if (request.Amount is not null == request.FeatureSlug is not null)
        {
            return Failure.Validation("amount", "Send either amount (with creditCurrencyId) or featureSlug with quantity.");
        }

        if (request.Amount is { } amount)
        {
            if (amount <= 0)
            {
                return Failure.Validation("amount", "amount must be a positive integer of minor units.");
            }

            if (string.IsNullOrWhiteSpace(request.CreditCurrencyId))
            {
                return Failure.Validation("creditCurrencyId", "creditCurrencyId is required with amount.");
            }

            if (request.Quantity is not null)
            {
                return Failure.Validation("quantity", "quantity goes with featureSlug, not with amount.");
            }
        }
        else if (request.Quantity is { } quantity && (quantity <= 0 || quantity > CostCalculator.MaxQuantity))
        {
            return Failure.Validation("quantity", "quantity must be greater than zero and at most " + CostCalculator.MaxQuantity + ".");
        }
        else if (request.Quantity is { } precise && UsageValidator.HasTooManyDecimals(precise))
        {
            return Failure.Validation("quantity", $"quantity may have at most {UsageValidator.MaxQuantityDecimals} decimal places.");
        }

        if (request.Reference is { Length: > MaxReferenceLength })
        {
            // Stored as a column of the hold's row: a longer text would be refused by storage (a 500, not the caller's 400).
            return Failure.Validation("reference", $"reference must be at most {MaxReferenceLength} characters.");
        }

        if (request.TtlSeconds is { } ttl && (ttl < 1 || ttl > MaxTtl.TotalSeconds))
        {
            return Failure.Validation("ttlSeconds", $"ttlSeconds must be between 1 and {MaxTtl.TotalSeconds:0} (24 hours).");
        }

        return null;
    }

    /// <summary>Resolves what to hold: a given amount in a currency, or a feature's cost for a quantity.</summary>
    private async Task<Outcome<(string CurrencyId, long Amount, string? FeatureSlug)>> PriceAsync(string orgId, ReserveRequest request, CancellationToken cancellationToken)
    {
        if (request.Amount is { } amount)
        {
            return await catalog.CurrencyAsync(orgId, request.CreditCurrencyId!, cancellationToken) is { } currency
                ? (currency.Id, amount, null)
                : Failure.NotFound("Credit currency " + request.CreditCurrencyId);
        }

        var feature = await catalog.FeatureAsync(orgId, request.FeatureSlug!, cancellationToken);
        if (feature is null)
        {
            return Failure.NotFound("Feature " + request.FeatureSlug);
        }

        var costs = request.CreditCurrencyId is { } wanted
            ? feature.CreditCosts.Where(c => c.CreditCurrencyId == wanted).ToList()
            : feature.CreditCosts.ToList();
        if (costs.Count == 0)
        {
            return new Failure(FailureCodes.CurrencyMismatch, $"Feature {feature.Slug} has no cost in credit currency {request.CreditCurrencyId}.");
        }

        if (costs.Count > 1)
        {
            return Failure.Validation("creditCurrencyId", $"Feature {feature.Slug} costs in several credit currencies; say which one to reserve in.");
        }

        var quantity = request.Quantity ?? 1m;
        if (!CostCalculator.TryResolve(quantity, costs[0].CostPerUnit, 0, out var cost))
        {
            return Failure.Validation("quantity", "quantity is too large: its cost does not fit in an amount.");
        }

        return cost > 0
            ? (costs[0].CreditCurrencyId, cost, feature.Slug)
            : Failure.Validation("quantity", $"Feature {feature.Slug} costs nothing for this quantity; there is nothing to reserve.");
    }

    private async Task<Outcome<(string WalletId, Hold Hold)>> FindOpenAsync(string orgId, string holdId, CancellationToken cancellationToken)
    {
        if (await GetAsync(orgId, holdId, cancellationToken) is not { } found)
        {
            return Failure.NotFound("Reservation " + holdId);
        }

        return found.Hold.Status == HoldStatus.Held ? found : Resolved(found.Hold);
    }

    private async Task<Outcome<(string WalletId, Hold Hold)>> ResolveAsync(
        string walletId,
        string holdId,
        Func<WalletSession, DateTimeOffset, Outcome<Hold>?> resolve,
        CancellationToken cancellationToken)
    {
        var result = await engine.MutateAsync<Outcome<Hold>>(walletId, (session, at) =>
        {
            if (resolve(session, at) is { } resolved)
            {
                return resolved;
            }

            // Not open in this session: resolved by someone else meanwhile, or just now expired by this session.
            return session.Holds.FirstOrDefault(h => h.Id == holdId) is { } known
                ? Resolved(known)
                : new Failure(FailureCodes.Conflict, $"Reservation {holdId} is no longer open.");
        }, cancellationToken);
        if (result.IsSuccess)
        {
            return (walletId, result.Value!);
        }

        return result.Failure!.Code == FailureCodes.Conflict && await store.ReadHoldAsync(walletId, holdId, cancellationToken) is { } stored
            ? Resolved(stored)
            : result.Failure!;
    }

    private static Failure Resolved(Hold hold) => new(FailureCodes.Conflict, hold.Status switch
    {
        HoldStatus.Committed => $"Reservation {hold.Id} was already committed ({hold.CommittedAmount} captured).",
        HoldStatus.Released => $"Reservation {hold.Id} was already released.",
        HoldStatus.Expired => $"Reservation {hold.Id} expired at {hold.ExpiresAt:O} and was released; it can no longer be committed.",
        _ => $"Reservation {hold.Id} is no longer open.",
    });
}

/// <summary>A reservation request: an amount in a credit currency, or a feature and quantity (priced by the feature's cost).</summary>
public sealed record ReserveRequest
{
    public required string CustomerId { get; init; }

    public string? CreditCurrencyId { get; init; }

    public long? Amount { get; init; }

    public string? FeatureSlug { get; init; }

    public decimal? Quantity { get; init; }

    public int? TtlSeconds { get; init; }

    public string? Reference { get; init; }
}
