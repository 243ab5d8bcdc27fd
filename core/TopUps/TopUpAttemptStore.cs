using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Storage;

namespace UnitPay.Core.TopUps;

/// <summary>
/// The attempt log, one partition per organization. An attempt's row key is <c>att|{inverted creation time}|{id}</c>, so
/// a range read lists newest first; the creation time is read back from the id itself (ids sort by time), so an
/// attempt is found from its id alone. The filter fields are columns beside the JSON document. A caller's
/// idempotency key is a <c>key|…</c> row inserted in the same transaction as the attempt it started: the same key
/// starts one attempt, ever (the store refuses the second insert).
/// </summary>
public sealed class TopUpAttemptStore(StorageAccount storage, Webhooks.IWebhookOutbox? webhooks = null)
{
    private const string Prefix = "att|";
    private const long MaxMillis = 9_999_999_999_999;
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private readonly TableClient _table = storage.Table(TableNames.TopUpAttempts);
    private readonly TopUpSweepIndex _sweep = new(storage);

    /// <summary>
    /// Inserts a new attempt, or, when <paramref name="requestKey"/> started one before, answers that one
    /// (<c>Created</c> false). A pending attempt is listed for the sweeper first (<see cref="TopUpSweepIndex"/>), so no
    /// attempt that could get stuck is ever unlisted.
    /// </summary>
    public async Task<(TopUpAttempt Attempt, bool Created)> CreateAsync(string orgId, TopUpAttempt attempt, string? requestKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (attempt.Status == TopUpStatus.Pending)
        {
            await _sweep.ListAsync(orgId, attempt.Id, attempt.CreatedAt, cancellationToken);
        }

        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, ToEntity(orgId, attempt)) };
        if (requestKey is not null)
        {
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(orgId, KeyRow(requestKey)) { ["AttemptId"] = attempt.Id }));
        }

        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken);
            return (attempt, true);
        }
        catch (TableTransactionFailedException e) when (StorageFailure.IsAlreadyExists(e) && requestKey is not null)
        {
            var key = await _table.GetEntityAsync<TableEntity>(orgId, KeyRow(requestKey), cancellationToken: cancellationToken);
            var earlier = await ReadAsync(orgId, key.Value.GetString("AttemptId"), cancellationToken)
                ?? throw new InvalidOperationException($"Idempotency key {requestKey} names attempt {key.Value.GetString("AttemptId")}, which cannot be read.");
            return (earlier.Attempt, false);
        }
    }

    /// <summary>The attempt and the ETag that guards its next change, or null.</summary>
    public async Task<(TopUpAttempt Attempt, ETag ETag)?> ReadAsync(string orgId, string attemptId, CancellationToken cancellationToken)
    {
        if (RowKeyOf(attemptId) is not { } rowKey)
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync<TableEntity>(orgId, rowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? (JsonRows.FromEntity<TopUpAttempt>(row.Value), row.Value.ETag) : null;
    }

    /// <summary>
    /// Replaces the attempt if unchanged since <paramref name="etag"/>; a 412 (someone else moved it) throws. The
    /// webhook <paramref name="events"/> of the change, if any, are an outbox row in the same transaction.
    /// </summary>
    public async Task ReplaceAsync(string orgId, TopUpAttempt attempt, ETag etag, CancellationToken cancellationToken, IReadOnlyList<Webhooks.WebhookEvent>? events = null)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (events is not { Count: > 0 })
        {
            await _table.UpdateEntityAsync(ToEntity(orgId, attempt), etag, TableUpdateMode.Replace, cancellationToken);
            return;
        }

        if (webhooks is not null)
        {
            await webhooks.MarkAsync(TableNames.TopUpAttempts, orgId, orgId, cancellationToken);
        }

        await _table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(orgId, attempt), etag),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, Webhooks.WebhookOutboxRows.ToEntity(orgId, Webhooks.WebhookOutboxRows.Key(events[0].Id), orgId, events)),
            ],
            cancellationToken);
        webhooks?.Committed(TableNames.TopUpAttempts, orgId);
    }

    /// <summary>Up to <paramref name="limit"/> attempts after <paramref name="afterRowKey"/>, newest first, matching the filters; the row key to continue after, or null.</summary>
    public async Task<(IReadOnlyList<TopUpAttempt> Attempts, string? Next)> ListAsync(
        string orgId,
        string? customerId,
        string? currencyId,
        TopUpStatus? status,
        TriggerSource? triggerSource,
        string? afterRowKey,
        int limit,
        CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {orgId} and RowKey gt {afterRowKey ?? Prefix} and RowKey lt {Prefix[..^1] + "}"}");
        if (customerId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"CustomerId eq {customerId}");
        }

        if (currencyId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"CurrencyId eq {currencyId}");
        }

        if (status is { } s)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {Wire(s)}");
        }

        if (triggerSource is { } t)
        {
            filter += " and " + TableClient.CreateQueryFilter($"TriggerSource eq {Wire(t)}");
        }

        var attempts = new List<(string RowKey, TopUpAttempt Attempt)>(limit);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(1000, limit + 1), cancellationToken: cancellationToken))
        {
            if (attempts.Count == limit)
            {
                return ([.. attempts.Select(a => a.Attempt)], attempts[^1].RowKey);
            }

            attempts.Add((row.RowKey, JsonRows.FromEntity<TopUpAttempt>(row)));
        }

        return ([.. attempts.Select(a => a.Attempt)], null);
    }

    /// <summary>The row key of an attempt id, or null when the id is not a <c>topup_</c> id this engine made.</summary>
    public static string? RowKeyOf(string? attemptId)
    {
        if (!Ids.HasPrefix(attemptId, "topup") || attemptId!.Length != "topup_".Length + 26)
        {
            return null;
        }

        // The first 48 bits of a new id are its creation time in milliseconds (see Ids.New): 10 base32 characters hold 50 bits.
        long bits = 0;
        foreach (var c in attemptId.AsSpan("topup_".Length, 10))
        {
            bits = (bits << 5) | (long)Alphabet.IndexOf(c, StringComparison.Ordinal);
        }

        var millis = bits >> 2;
        return millis > MaxMillis ? null : Prefix + (MaxMillis - millis).ToString("D13", CultureInfo.InvariantCulture) + "|" + attemptId;
    }

    /// <summary>The wire name of an enum value (<c>pending</c>, <c>auto_topup</c>).</summary>
    public static string Wire<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonSerializer.Serialize(value, JsonRows.Options).Trim('"');

    private static TableEntity ToEntity(string orgId, TopUpAttempt attempt)
    {
        var entity = JsonRows.ToEntity(orgId, RowKeyOf(attempt.Id) ?? throw new ArgumentException($"{attempt.Id} is not a topup_ id made by Ids.New.", nameof(attempt)), attempt);
        entity["CustomerId"] = attempt.CustomerId;
        entity["CurrencyId"] = attempt.CreditCurrencyId;
        entity["Status"] = Wire(attempt.Status);
        entity["TriggerSource"] = Wire(attempt.TriggerSource);
        return entity;
    }

    private static string KeyRow(string requestKey) =>
        "key|" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(requestKey)));
}
