using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Webhooks;

/// <summary>
/// Every delivery attempt, one partition per endpoint, keyed newest first (inverted ticks, then a random tail), so a
/// listing is one range read and the cursor is the last key returned.
/// </summary>
public sealed class WebhookDeliveryLog
{
    public const int MaxPageSize = 100;

    private readonly TableClient _table;
    private readonly Polly.ResiliencePipeline _transient;

    public WebhookDeliveryLog(StorageAccount storage, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _table = storage.Table(TableNames.WebhookDeliveries);
        _transient = StorageResilience.Transient(clock);
    }

    /// <summary>A new attempt's id: its row key, so newer ids sort first.</summary>
    public static string NewId(DateTimeOffset at) =>
        WebhookIds.DeliveryPrefix + "_" + (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)
        + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public async Task RecordAsync(WebhookDeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var row = new TableEntity(attempt.EndpointId, attempt.Id)
        {
            ["EventId"] = attempt.EventId,
            ["EventType"] = attempt.EventType,
            ["Attempt"] = attempt.Attempt,
            ["Status"] = attempt.Status.ToString(),
            ["StatusCode"] = attempt.StatusCode,
            ["DurationMs"] = attempt.DurationMs,
            ["Error"] = attempt.Error is { Length: > 1000 } text ? text[..1000] : attempt.Error,
            ["AttemptedAt"] = attempt.AttemptedAt,
            ["NextAttemptAt"] = attempt.NextAttemptAt,
        };
        await _transient.ExecuteAsync(async ct => await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct), cancellationToken);
    }

    /// <summary>Attempts at <paramref name="endpointId"/>, newest first, after <paramref name="cursor"/> (an attempt id) when given.</summary>
    public async Task<(IReadOnlyList<WebhookDeliveryAttempt> Attempts, string? NextCursor)> ListAsync(string endpointId, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var filter = cursor is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {endpointId}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {endpointId} and RowKey gt {cursor}");
        var attempts = new List<WebhookDeliveryAttempt>(limit);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit + 1, 1000), cancellationToken: cancellationToken))
        {
            if (attempts.Count == limit)
            {
                return (attempts, attempts[^1].Id);
            }

            attempts.Add(new WebhookDeliveryAttempt
            {
                Id = row.RowKey,
                EndpointId = row.PartitionKey,
                EventId = row.GetString("EventId"),
                EventType = row.GetString("EventType"),
                Attempt = row.GetInt32("Attempt") ?? 1,
                Status = Enum.Parse<WebhookDeliveryStatus>(row.GetString("Status")),
                StatusCode = row.GetInt32("StatusCode"),
                DurationMs = row.GetInt64("DurationMs") ?? 0,
                Error = row.GetString("Error"),
                AttemptedAt = row.GetDateTimeOffset("AttemptedAt") ?? default,
                NextAttemptAt = row.GetDateTimeOffset("NextAttemptAt"),
            });
        }

        return (attempts, null);
    }
}
