using Azure;
using Azure.Data.Tables;
using UnitPay.Core.Storage;

namespace UnitPay.Core.AutoTopUp;

/// <summary>
/// Auto top-up rules, one partition per organization, one row per wallet (row key: the wallet id). The rule is a JSON
/// document; the slot (see <see cref="AutoTopUpRuleRow"/>) is two columns beside it. Every change passes the ETag it read.
/// </summary>
public sealed class AutoTopUpRuleStore(StorageAccount storage)
{
    private readonly TableClient _table = storage.Table(TableNames.AutoTopUpRules);

    public async Task<AutoTopUpRuleRow?> ReadAsync(string orgId, string walletId, CancellationToken cancellationToken)
    {
        if (!TableKeys.AreValid(orgId, walletId))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync<TableEntity>(orgId, walletId, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } e
            ? new AutoTopUpRuleRow(JsonRows.FromEntity<AutoTopUpRule>(e), e.GetString("PendingAttemptId"), e.GetDateTimeOffset("PendingSince"), e.ETag)
            : null;
    }

    /// <summary>Inserts a first rule (<paramref name="etag"/> default) or replaces the row read with <paramref name="etag"/>; a lost race throws (409 or 412).</summary>
    public async Task WriteAsync(string orgId, AutoTopUpRule rule, string? pendingAttemptId, DateTimeOffset? pendingSince, ETag etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var entity = JsonRows.ToEntity(orgId, rule.CreditAccountId, rule);
        entity["PendingAttemptId"] = pendingAttemptId;
        entity["PendingSince"] = pendingSince;
        entity["Enabled"] = rule.Enabled;
        if (etag == default)
        {
            await _table.AddEntityAsync(entity, cancellationToken);
        }
        else
        {
            await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken);
        }
    }
}
