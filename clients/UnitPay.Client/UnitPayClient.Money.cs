using System.Globalization;
using UnitPay.Client.Models;

namespace UnitPay.Client;

/// <content>Money in: credit packages, top-ups and the attempt log.</content>
public sealed partial class UnitPayClient
{
    /// <summary><c>POST /v1/credit-packages</c>.</summary>
    public Task<CreditPackage> CreateCreditPackageAsync(CreateCreditPackageRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CreditPackage>("credit-packages", request ?? throw new ArgumentNullException(nameof(request)), cancellationToken);

    /// <summary>One page of <c>GET /v1/credit-packages</c> (oldest first).</summary>
    public Task<UnitPayPage<CreditPackage>> GetCreditPackagePageAsync(bool includeArchived = false, int? pageSize = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        PageAsync<CreditPackage>(
            Query("credit-packages", ("includeArchived", includeArchived ? "true" : null), ("limit", pageSize?.ToString(CultureInfo.InvariantCulture)), ("cursor", cursor)),
            "packages",
            cancellationToken);

    /// <summary>Every credit package, oldest first, a page at a time.</summary>
    public IAsyncEnumerable<CreditPackage> ListCreditPackagesAsync(bool includeArchived = false, CancellationToken cancellationToken = default) =>
        EnumerateAsync((cursor, ct) => GetCreditPackagePageAsync(includeArchived, null, cursor, ct), cancellationToken);

    /// <summary><c>GET /v1/credit-packages/{id}</c>.</summary>
    public Task<CreditPackage> GetCreditPackageAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<CreditPackage>("credit-packages/" + Escape(id), cancellationToken);

    /// <summary><c>POST /v1/credit-packages/{id}/archive</c>: it sells no more.</summary>
    public Task<CreditPackage> ArchiveCreditPackageAsync(string id, CancellationToken cancellationToken = default) =>
        PostAsync<CreditPackage>("credit-packages/" + Escape(id) + "/archive", null, cancellationToken);

    /// <summary><c>POST /v1/credit-packages/{id}/purchase</c>.</summary>
    public Task<TopUpSettlement> PurchaseCreditPackageAsync(string id, PurchaseCreditPackageRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<TopUpSettlement>("credit-packages/" + Escape(id) + "/purchase", request ?? throw new ArgumentNullException(nameof(request)), cancellationToken);

    /// <summary><c>POST /v1/top-ups</c>: buy credits by amount. A provider that does not answer is retried with the same key, which resumes the attempt.</summary>
    public Task<TopUpSettlement> CreateTopUpAsync(CreateTopUpRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<TopUpSettlement>("top-ups", request ?? throw new ArgumentNullException(nameof(request)), cancellationToken);

    /// <summary>One page of <c>GET /v1/top-up-attempts</c> (newest first).</summary>
    public Task<UnitPayPage<TopUpAttempt>> GetTopUpAttemptPageAsync(TopUpAttemptQuery query, string? cursor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = Query(
            "top-up-attempts",
            ("customerId", query.CustomerId),
            ("currencyId", query.CurrencyId),
            ("status", query.Status),
            ("triggerSource", query.TriggerSource),
            ("limit", query.PageSize?.ToString(CultureInfo.InvariantCulture)),
            ("cursor", cursor));
        return PageAsync<TopUpAttempt>(path, "attempts", cancellationToken);
    }

    /// <summary>Every top-up attempt that matches, newest first, a page at a time.</summary>
    public IAsyncEnumerable<TopUpAttempt> ListTopUpAttemptsAsync(TopUpAttemptQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return EnumerateAsync((cursor, ct) => GetTopUpAttemptPageAsync(query, cursor, ct), cancellationToken);
    }

    /// <summary><c>GET /v1/top-up-attempts/{id}</c>.</summary>
    public Task<TopUpAttempt> GetTopUpAttemptAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<TopUpAttempt>("top-up-attempts/" + Escape(id), cancellationToken);
}
