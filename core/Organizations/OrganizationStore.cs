using Azure;
using Azure.Data.Tables;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Organizations;

/// <summary>Organizations and their API keys. A key row is keyed by the key's hash and names its organization.</summary>
public sealed class OrganizationStore(StorageAccount storage, TimeProvider clock)
{
    private const string KeyPartition = "key";
    private readonly TableClient _orgs = storage.Table(TableNames.Organizations);
    private readonly TableClient _keys = storage.Table(TableNames.ApiKeys);

    /// <summary>Creates an organization with a fresh key. The key is returned once and never stored in plain text.</summary>
    public async Task<(Organization Organization, string ApiKey)> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var org = new Organization(Ids.New("org", clock), name, clock.GetUtcNow());
        await _orgs.AddEntityAsync(JsonRows.ToEntity("org", org.Id, org), cancellationToken);
        var key = ApiKeys.Generate();
        await AddKeyAsync(org.Id, key, cancellationToken);
        return (org, key);
    }

    /// <summary>
    /// Makes sure <paramref name="apiKey"/> opens an organization, creating both if needed. Idempotent: the
    /// organization's id derives from the key's hash, so every instance and every restart agrees on it.
    /// </summary>
    public async Task<Organization> EnsureBootstrapAsync(string apiKey, string name, CancellationToken cancellationToken)
    {
        var hash = ApiKeys.Hash(apiKey);
        var existing = await FindOrgIdByKeyHashAsync(hash, cancellationToken);
        if (existing is not null)
        {
            return await GetAsync(existing, cancellationToken) ?? throw new InvalidDataException($"Key opens missing organization {existing}.");
        }

        var org = new Organization(Ids.Derived("org", "bootstrap", hash), name, clock.GetUtcNow());
        try
        {
            await _orgs.AddEntityAsync(JsonRows.ToEntity("org", org.Id, org), cancellationToken);
        }
        catch (RequestFailedException e) when (StorageFailure.IsAlreadyExists(e))
        {
            // Another instance created it first: same id, same thing.
        }

        await AddKeyAsync(org.Id, apiKey, cancellationToken);
        return await GetAsync(org.Id, cancellationToken) ?? org;
    }

    public Task<Organization?> GetAsync(string orgId, CancellationToken cancellationToken) =>
        JsonRows.ReadAsync<Organization>(_orgs, "org", orgId, cancellationToken);

    /// <summary>The organization a presented key opens, or null.</summary>
    public Task<string?> FindOrgIdByKeyAsync(string apiKey, CancellationToken cancellationToken) =>
        FindOrgIdByKeyHashAsync(ApiKeys.Hash(apiKey), cancellationToken);

    private async Task<string?> FindOrgIdByKeyHashAsync(string hash, CancellationToken cancellationToken)
    {
        NullableResponse<TableEntity> row = await _keys.GetEntityIfExistsAsync<TableEntity>(KeyPartition, hash, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? row.Value.GetString("OrgId") : null;
    }

    private async Task AddKeyAsync(string orgId, string apiKey, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(KeyPartition, ApiKeys.Hash(apiKey))
        {
            ["OrgId"] = orgId,
            ["Hint"] = apiKey[..(ApiKeys.Prefix.Length + 4)] + "…",
            ["CreatedAt"] = clock.GetUtcNow(),
        };
        try
        {
            await _keys.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException e) when (StorageFailure.IsAlreadyExists(e))
        {
            // Idempotent bootstrap: the key is already registered.
        }
    }
}
