using System.Text;
using System.Text.Json;
using UnitPay.Core.Catalog;
using UnitPay.Core.Grants;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Ledger;
using UnitPay.Core.Money;
using UnitPay.Core.Results;

namespace UnitPay.Core.Wallets;

/// <summary>Grants, voids, freezes and reads of credit accounts (wallets): the non-usage changes of a wallet.</summary>
public sealed class CreditAccountService(
    WalletEngine engine,
    WalletDirectory directory,
    WalletStore store,
    CatalogReader catalog,
    ExpirySweeper expiries,
    TimeProvider clock)
{
    public const int MaxPriority = 1000;
    public const int MaxLedgerPageSize = 100;

    /// <summary>Grant ids carry their wallet (<c>grant_{wallet}{unique}</c>), so a grant is found without an index.</summary>
    public static bool TryWalletOfGrant(string grantId, out string walletId) => WalletDirectory.TryWalletOf("grant", grantId, out walletId);

    public async Task<Outcome<(string WalletId, Grant Grant, LedgerEntry Entry)>> GrantAsync(string orgId, GrantRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (AmountLimits.ValidateGrant("amount", request.Amount) is { } invalidAmount)
        {
            return invalidAmount;
        }

        if (request.Priority is < 0 or > MaxPriority)
        {
            return Failure.Validation("priority", $"priority must be between 0 and {MaxPriority}.");
        }

        var now = clock.GetUtcNow();
        var effectiveAt = request.EffectiveAt ?? now;
        if (request.ExpiresAt is { } expires && (expires <= effectiveAt || expires <= now))
        {
            return Failure.Validation("expiresAt", "expiresAt must be in the future and after the grant becomes effective.");
        }

        var customer = await catalog.CustomerAsync(orgId, request.CustomerId, cancellationToken);
        if (customer is null)
        {
            return Failure.NotFound("Customer " + request.CustomerId);
        }

        var currency = await catalog.CurrencyAsync(orgId, request.CreditCurrencyId, cancellationToken);
        if (currency is null)
        {
            return Failure.NotFound("Credit currency " + request.CreditCurrencyId);
        }

        var walletId = await directory.EnsureAsync(orgId, customer.Id, currency.Id, cancellationToken);
        var grantId = WalletDirectory.NewScopedId("grant", walletId, clock);
        if (request.ExpiresAt is { } expiry)
        {
            await expiries.ListAsync(walletId, grantId, expiry, cancellationToken);
        }

        return await engine.MutateAsync<Outcome<(string, Grant, LedgerEntry)>>(walletId, (session, at) =>
        {
            if (session.Head.Status == WalletStatus.Closed)
            {
                return new Failure(FailureCodes.Conflict, "The credit account is closed.");
            }

            var grant = new Grant
            {
                Id = grantId,
                Source = request.Source,
                Amount = request.Amount,
                Remaining = request.Amount,
                Priority = request.Priority ?? GrantSources.DefaultPriority(request.Source),
                EffectiveAt = effectiveAt,
                ExpiresAt = request.ExpiresAt,
                SourceRef = request.SourceRef,
                Reason = request.Reason,
                CreatedAt = at,
            };
            var added = session.TryAddGrant(grant, LedgerReason.Grant, at);
            return added.IsSuccess ? (walletId, grant, added.Value!) : added.Failure!;
        }, cancellationToken);
    }

    public async Task<Outcome<(Grant Grant, LedgerEntry? Entry)>> VoidAsync(string orgId, string grantId, string? reason, CancellationToken cancellationToken)
    {
        if (!TryWalletOfGrant(grantId, out var walletId) || !await BelongsAsync(orgId, walletId, cancellationToken))
        {
            return Failure.NotFound("Grant " + grantId);
        }

        var stored = await store.ReadGrantAsync(walletId, grantId, cancellationToken);
        if (stored is null)
        {
            return Failure.NotFound("Grant " + grantId);
        }

        return await engine.MutateAsync<Outcome<(Grant, LedgerEntry?)>>(walletId, (session, at) =>
        {
            var open = session.Grants.FirstOrDefault(g => g.Id == grantId && g.Status == GrantStatus.Open);
            if (open is null)
            {
                return new Failure(FailureCodes.Conflict, $"Grant {grantId} is not open (it is depleted, expired or voided already).");
            }

            if (open.Held > 0)
            {
                return new Failure(FailureCodes.Conflict, $"Grant {grantId} has {open.Held} credits held by open reservations; commit or release them first.");
            }

            var entry = session.VoidGrant(grantId, at, reason);
            return (session.Grants.First(g => g.Id == grantId), entry);
        }, cancellationToken);
    }

    public async Task<Outcome<WalletView>> SetStatusAsync(string orgId, string walletId, WalletStatus status, CancellationToken cancellationToken)
    {
        if (!await BelongsAsync(orgId, walletId, cancellationToken))
        {
            return Failure.NotFound("Credit account " + walletId);
        }

        await engine.MutateAsync(walletId, (session, at) =>
        {
            if (session.Head.Status != WalletStatus.Closed)
            {
                session.SetStatus(status, at);
            }

            return true;
        }, cancellationToken);
        var snapshot = await engine.ReadAsync(walletId, cancellationToken);
        return WalletView.At(snapshot!, clock.GetUtcNow());
    }

    public async Task<WalletView?> GetAsync(string orgId, string walletId, CancellationToken cancellationToken) =>
        await engine.ReadOwnedAsync(orgId, walletId, cancellationToken) is { } snapshot ? WalletView.At(snapshot, clock.GetUtcNow()) : null;

    /// <summary>Every wallet of the customer, as of now.</summary>
    public async Task<IReadOnlyList<WalletView>> ListAsync(string orgId, string customerId, CancellationToken cancellationToken)
    {
        var wallets = await directory.ListAsync(orgId, customerId, cancellationToken);
        var reads = await Task.WhenAll(wallets.Select(w => engine.ReadAsync(w.WalletId, cancellationToken)));
        var now = clock.GetUtcNow();
        return reads.Where(s => s is not null).Select(s => WalletView.At(s!, now)).OrderBy(v => v.Head.CreatedAt).ToList();
    }

    /// <summary>
    /// Reads the ledger newest first across the wallets in scope. The cursor records, per wallet, where the previous
    /// page stopped, so pages never repeat or skip an entry even while new entries arrive.
    /// </summary>
    public async Task<Outcome<LedgerPage>> ReadLedgerAsync(string orgId, LedgerQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, MaxLedgerPageSize);
        List<string> walletIds;
        if (query.CreditAccountId is { } accountId)
        {
            var view = await GetAsync(orgId, accountId, cancellationToken);
            if (view is null || (query.CustomerId is { } c && view.Head.CustomerId != c))
            {
                return Failure.NotFound("Credit account " + accountId);
            }

            walletIds = [accountId];
        }
        else if (query.CustomerId is { } customerId)
        {
            walletIds = (await directory.ListAsync(orgId, customerId, cancellationToken))
                .Where(w => query.CreditCurrencyId is null || w.CurrencyId == query.CreditCurrencyId)
                .Select(w => w.WalletId)
                .ToList();
        }
        else
        {
            return Failure.Validation("customerId", "customerId or creditAccountId is required.");
        }

        Dictionary<string, long> positions;
        try
        {
            positions = query.Cursor is null ? [] : DecodeCursor(query.Cursor);
        }
        catch (FormatException)
        {
            return Failure.Validation("cursor", "cursor is not one this API issued.");
        }

        var candidates = new List<(string WalletId, LedgerEntry Entry)>();
        var more = new HashSet<string>(StringComparer.Ordinal);
        foreach (var walletId in walletIds)
        {
            var from = positions.TryGetValue(walletId, out var p) ? p : (long?)null;
            if (from is 0)
            {
                continue; // this wallet was read to its start already
            }

            var (entries, continues) = await store.ReadLedgerAsync(walletId, from, limit, query.Matches, cancellationToken);
            candidates.AddRange(entries.Select(e => (walletId, e)));
            if (continues is not null)
            {
                more.Add(walletId);
            }
        }

        var page = candidates
            .OrderByDescending(c => c.Entry.CreatedAt)
            .ThenByDescending(c => c.WalletId, StringComparer.Ordinal)
            .ThenByDescending(c => c.Entry.Sequence)
            .Take(limit)
            .ToList();

        // Where each wallet stands after this page: before its oldest entry shown, or where it stood if none was shown.
        var next = new Dictionary<string, long>(StringComparer.Ordinal);
        var anyLeft = false;
        foreach (var walletId in walletIds)
        {
            var shown = page.Where(c => c.WalletId == walletId).Select(c => c.Entry.Sequence).DefaultIfEmpty().Min();
            var unshown = candidates.Count(c => c.WalletId == walletId) > page.Count(c => c.WalletId == walletId);
            long position = shown > 0 ? shown : positions.GetValueOrDefault(walletId, long.MaxValue);
            if (!unshown && !more.Contains(walletId))
            {
                position = 0;
            }

            next[walletId] = position;
            anyLeft |= position != 0;
        }

        return new LedgerPage(page, anyLeft ? EncodeCursor(next) : null);
    }

    private async Task<bool> BelongsAsync(string orgId, string walletId, CancellationToken cancellationToken) =>
        await engine.ReadOwnedAsync(orgId, walletId, cancellationToken) is not null;

    private static string EncodeCursor(Dictionary<string, long> positions) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(positions))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Dictionary<string, long> DecodeCursor(string cursor)
    {
        var padded = cursor.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            var positions = JsonSerializer.Deserialize<Dictionary<string, long>>(Convert.FromBase64String(padded))
                ?? throw new FormatException("empty cursor");

            // A position is the sequence to read below (0: that wallet is done); anything else was not made by us.
            return positions.Values.All(p => p >= 0) ? positions : throw new FormatException("bad cursor position");
        }
        catch (JsonException e)
        {
            throw new FormatException("bad cursor", e);
        }
    }
}
