using Azure;
using Azure.Data.Tables;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Idempotency;

/// <summary>
/// Idempotency keys of POST requests, per organization. The store enforces it: a key's row is inserted before
/// the request is handled (409 means someone used the key already), and the answer is saved on that row after.
/// Keys are kept at least <see cref="Retention"/>; a key older than that may be used again for a new request.
/// </summary>
public sealed class IdempotencyStore(StorageAccount storage, TimeProvider clock)
{
    /// <summary>How long a key is remembered at least.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>A claim that was never completed (the handler crashed) is given up after this long.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    private readonly TableClient _table = storage.Table(TableNames.Idempotency);

    public async Task<IdempotencyDecision> BeginAsync(string orgId, string scopedKey, string requestHash, CancellationToken cancellationToken)
    {
        var rowKey = Organizations.ApiKeys.Hash(scopedKey);
        var now = clock.GetUtcNow();
        var claim = new TableEntity(orgId, rowKey)
        {
            ["RequestHash"] = requestHash,
            ["State"] = "pending",
            ["CreatedAt"] = now,
        };
        try
        {
            await _table.AddEntityAsync(claim, cancellationToken);
            return new IdempotencyDecision.Proceed();
        }
        catch (RequestFailedException e) when (StorageFailure.IsAlreadyExists(e))
        {
        }

        var existing = await _table.GetEntityAsync<TableEntity>(orgId, rowKey, cancellationToken: cancellationToken);
        var row = existing.Value;
        var created = row.GetDateTimeOffset("CreatedAt") ?? now;
        var state = row.GetString("State");
        var expired = now - created > Retention;
        var abandoned = state == "pending" && now - created > AbandonedAfter;
        if (expired || abandoned)
        {
            // Take the key over for this request, guarded by the row's ETag so only one caller does.
            try
            {
                await _table.UpdateEntityAsync(claim, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return new IdempotencyDecision.Proceed();
            }
            catch (RequestFailedException e) when (StorageFailure.IsConflict(e))
            {
                return new IdempotencyDecision.InProgress();
            }
        }

        if (!string.Equals(row.GetString("RequestHash"), requestHash, StringComparison.Ordinal))
        {
            return new IdempotencyDecision.Mismatch();
        }

        return state == "done"
            ? new IdempotencyDecision.Replay(row.GetInt32("StatusCode") ?? 200, row.GetString("ContentType") ?? "application/json", Unpack(row.GetBinary("Body")))
            : new IdempotencyDecision.InProgress();
    }

    public async Task CompleteAsync(string orgId, string scopedKey, string requestHash, int statusCode, string contentType, string body, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(orgId, Organizations.ApiKeys.Hash(scopedKey))
        {
            ["RequestHash"] = requestHash,
            ["State"] = "done",
            ["CreatedAt"] = clock.GetUtcNow(),
            ["StatusCode"] = statusCode,
            ["ContentType"] = contentType,
            ["Body"] = Pack(body),
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    // A batch answer can list a thousand event ids: compressed, it stays within a table property's 64 KiB.
    private static byte[] Pack(string body)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(body));
        }

        return buffer.ToArray();
    }

    private static string Unpack(byte[]? packed)
    {
        if (packed is null || packed.Length == 0)
        {
            return string.Empty;
        }

        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(packed), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Forgets a claim whose request failed before producing an answer worth replaying (a 5xx), so a retry can run.</summary>
    public async Task AbandonAsync(string orgId, string scopedKey, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(orgId, Organizations.ApiKeys.Hash(scopedKey), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (StorageFailure.IsNotFound(e))
        {
        }
    }
}
