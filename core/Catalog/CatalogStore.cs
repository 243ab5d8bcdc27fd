using Azure;
using Azure.Data.Tables;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Catalog;

/// <summary>
/// Credit currencies and features, one partition per organization. A slug is unique per organization: the slug row
/// is inserted in the same transaction as the object, so a second create with the same slug meets 409.
/// </summary>
public sealed class CatalogStore(StorageAccount storage)
{
    private readonly TableClient _table = storage.Table(TableNames.Catalog);

    public async Task<bool> TryCreateCurrencyAsync(string orgId, CreditCurrency currency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return await TryInsertPairAsync(orgId, "cur|" + currency.Id, "curslug|" + currency.Slug, currency, cancellationToken);
    }

    public Task<CreditCurrency?> GetCurrencyAsync(string orgId, string id, CancellationToken cancellationToken) =>
        JsonRows.ReadAsync<CreditCurrency>(_table, orgId, "cur|" + id, cancellationToken);

    public Task<IReadOnlyList<CreditCurrency>> ListCurrenciesAsync(string orgId, CancellationToken cancellationToken) =>
        JsonRows.ListAsync<CreditCurrency>(_table, orgId, "cur|", cancellationToken);

    public async Task<bool> TryCreateFeatureAsync(string orgId, Feature feature, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feature);
        return await TryInsertPairAsync(orgId, "feat|" + feature.Id, "featslug|" + feature.Slug, feature, cancellationToken);
    }

    public Task<Feature?> GetFeatureBySlugAsync(string orgId, string slug, CancellationToken cancellationToken) =>
        JsonRows.ReadAsync<Feature>(_table, orgId, "featslug|" + slug, cancellationToken);

    public Task<Feature?> GetFeatureAsync(string orgId, string id, CancellationToken cancellationToken) =>
        JsonRows.ReadAsync<Feature>(_table, orgId, "feat|" + id, cancellationToken);

    public Task<IReadOnlyList<Feature>> ListFeaturesAsync(string orgId, CancellationToken cancellationToken) =>
        JsonRows.ListAsync<Feature>(_table, orgId, "feat|", cancellationToken);

    private async Task<bool> TryInsertPairAsync<T>(string orgId, string idKey, string slugKey, T document, CancellationToken cancellationToken)
    {
        try
        {
            await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, JsonRows.ToEntity(orgId, idKey, document)),
                    new TableTransactionAction(TableTransactionActionType.Add, JsonRows.ToEntity(orgId, slugKey, document)),
                ],
                cancellationToken);
            return true;
        }
        catch (Exception e) when (e is RequestFailedException && StorageFailure.IsAlreadyExists(e))
        {
            return false;
        }
    }
}
