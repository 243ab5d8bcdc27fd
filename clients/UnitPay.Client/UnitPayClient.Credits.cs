using System.Globalization;
using UnitPay.Client.Models;

namespace UnitPay.Client;

/// <content>Credit accounts (wallets), grants and the ledger.</content>
public sealed partial class UnitPayClient
{
    /// <summary><c>GET /v1/credit-accounts?customerId=</c>: the customer's wallets.</summary>
    public Task<IReadOnlyList<CreditAccount>> ListCreditAccountsAsync(string customerId, CancellationToken cancellationToken = default) =>
        ListAsync<CreditAccount>(Query("credit-accounts", ("customerId", customerId)), "accounts", cancellationToken);

    /// <summary><c>GET /v1/credit-accounts/{id}</c>.</summary>
    public Task<CreditAccount> GetCreditAccountAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<CreditAccount>("credit-accounts/" + Escape(id), cancellationToken);

    /// <summary><c>POST /v1/credit-accounts/{id}/freeze</c>: usage against it is refused until it is unfrozen.</summary>
    public Task<CreditAccount> FreezeCreditAccountAsync(string id, CancellationToken cancellationToken = default) =>
        PostAsync<CreditAccount>("credit-accounts/" + Escape(id) + "/freeze", null, cancellationToken);

    /// <summary><c>POST /v1/credit-accounts/{id}/unfreeze</c>.</summary>
    public Task<CreditAccount> UnfreezeCreditAccountAsync(string id, CancellationToken cancellationToken = default) =>
        PostAsync<CreditAccount>("credit-accounts/" + Escape(id) + "/unfreeze", null, cancellationToken);

    /// <summary><c>POST /v1/credit-grants</c>: manual or promotional credit.</summary>
    public Task<CreditGrant> CreateCreditGrantAsync(CreateCreditGrantRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CreditGrant>("credit-grants", request ?? throw new ArgumentNullException(nameof(request)), cancellationToken);

    /// <summary><c>POST /v1/credit-grants/{id}/void</c>: what is left of the grant is taken back.</summary>
    public Task<CreditGrant> VoidCreditGrantAsync(string id, string? reason = null, CancellationToken cancellationToken = default) =>
        PostAsync<CreditGrant>("credit-grants/" + Escape(id) + "/void", new { reason }, cancellationToken);

    /// <summary>One page of <c>GET /v1/credit-ledger</c> (newest first).</summary>
    public Task<UnitPayPage<LedgerEntry>> GetLedgerPageAsync(LedgerQuery query, string? cursor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = Query(
            "credit-ledger",
            ("customerId", query.CustomerId),
            ("creditAccountId", query.CreditAccountId),
            ("creditCurrencyId", query.CreditCurrencyId),
            ("type", query.Type),
            ("featureId", query.FeatureId),
            ("createdAfter", query.CreatedAfter?.ToString("O", CultureInfo.InvariantCulture)),
            ("createdBefore", query.CreatedBefore?.ToString("O", CultureInfo.InvariantCulture)),
            ("limit", query.PageSize?.ToString(CultureInfo.InvariantCulture)),
            ("cursor", cursor));
        return PageAsync<LedgerEntry>(path, "entries", cancellationToken);
    }

    /// <summary>Every entry of <c>GET /v1/credit-ledger</c> that matches, newest first, fetched a page at a time as you enumerate.</summary>
    public IAsyncEnumerable<LedgerEntry> ListLedgerAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return EnumerateAsync((cursor, ct) => GetLedgerPageAsync(query, cursor, ct), cancellationToken);
    }
}
