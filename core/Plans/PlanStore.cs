using Azure.Data.Tables;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Plans;

/// <summary>Plans, in the catalog table beside currencies and features (one partition per organization, rows <c>plan|{id}</c>).</summary>
public sealed class PlanStore(StorageAccount storage)
{
    private const string Prefix = "plan|";
    private readonly TableClient _table = storage.Table(TableNames.Catalog);

    public async Task CreateAsync(string orgId, Plan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await _table.AddEntityAsync(JsonRows.ToEntity(orgId, Prefix + plan.Id, plan), cancellationToken);
    }

    public Task<Plan?> GetAsync(string orgId, string id, CancellationToken cancellationToken) =>
        JsonRows.ReadAsync<Plan>(_table, orgId, Prefix + id, cancellationToken);

    public Task<IReadOnlyList<Plan>> ListAsync(string orgId, CancellationToken cancellationToken) =>
        JsonRows.ListAsync<Plan>(_table, orgId, Prefix, cancellationToken);
}
