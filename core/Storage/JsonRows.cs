using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;

namespace UnitPay.Core.Storage;

/// <summary>
/// Read-mostly documents (catalog objects, customers) are stored as one JSON column per row: small, versionless,
/// and mapped in one place. Wallet rows, which the hot path reads and writes, use typed columns instead.
/// </summary>
public static class JsonRows
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A row holding <paramref name="document"/>; throws when a key is one storage refuses (validate ids at the edge: <see cref="Identifiers.IdRules"/>).</summary>
    public static TableEntity ToEntity<T>(string partitionKey, string rowKey, T document)
    {
        TableKeys.EnsureValid(partitionKey, rowKey);
        return new(partitionKey, rowKey) { ["Json"] = JsonSerializer.Serialize(document, Options) };
    }

    public static T FromEntity<T>(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return JsonSerializer.Deserialize<T>(entity.GetString("Json") ?? "null", Options)
            ?? throw new InvalidDataException($"Row {entity.PartitionKey}/{entity.RowKey} holds no document.");
    }

    /// <summary>Reads one document, or default when the row does not exist (or cannot: a key storage refuses finds nothing).</summary>
    public static async Task<T?> ReadAsync<T>(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!TableKeys.AreValid(partitionKey, rowKey))
        {
            return null;
        }

        NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? FromEntity<T>(row.Value) : null;
    }

    /// <summary>Reads every document whose row key starts with <paramref name="prefix"/> (a prefix ending in '|').</summary>
    public static async Task<IReadOnlyList<T>> ListAsync<T>(TableClient table, string partitionKey, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(prefix);
        if (!TableKeys.AreValid(partitionKey, prefix))
        {
            return [];
        }

        var end = prefix[..^1] + "}";
        var items = new List<T>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {end}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            items.Add(FromEntity<T>(row));
        }

        return items;
    }
}
