using UnitPay.Client.Models;

namespace UnitPay.Client;

/// <content>Catalog: credit currencies and features.</content>
public sealed partial class UnitPayClient
{
    /// <summary><c>POST /v1/credit-currencies</c>.</summary>
    public Task<CreditCurrency> CreateCreditCurrencyAsync(CreateCreditCurrencyRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CreditCurrency>("credit-currencies", request ?? throw new ArgumentNullException(nameof(request)), cancellationToken);

    /// <summary><c>GET /v1/credit-currencies</c>.</summary>
    public Task<IReadOnlyList<CreditCurrency>> ListCreditCurrenciesAsync(CancellationToken cancellationToken = default) =>
        ListAsync<CreditCurrency>("credit-currencies", "currencies", cancellationToken);

    /// <summary><c>GET /v1/credit-currencies/{id}</c>.</summary>
    public Task<CreditCurrency> GetCreditCurrencyAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<CreditCurrency>("credit-currencies/" + Escape(id), cancellationToken);

    /// <summary><c>POST /v1/features</c>.</summary>
    public Task<Feature> CreateFeatureAsync(CreateFeatureRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<Feature>("features", request ?? throw new ArgumentNullException(nameof(request)), cancellationToken);

    /// <summary><c>GET /v1/features</c>.</summary>
    public Task<IReadOnlyList<Feature>> ListFeaturesAsync(CancellationToken cancellationToken = default) =>
        ListAsync<Feature>("features", "features", cancellationToken);

    /// <summary><c>GET /v1/features/{id}</c>.</summary>
    public Task<Feature> GetFeatureAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<Feature>("features/" + Escape(id), cancellationToken);
}
