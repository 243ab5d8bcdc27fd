using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Subscriptions;

/// <summary>
/// Subscriptions, one partition per organization (rows <c>sub|{id}</c>, and <c>cus|{customerId}|{id}</c> pointers to
/// list a customer's), and the schedule index that lets the grant timer read only what is due: one row per
/// subscription per hour bucket of its next step. Every change of a subscription passes the ETag it was read with.
/// The index row for a step is written before the subscription that points at it, so a due step is always listed.
/// </summary>
public sealed class SubscriptionStore(StorageAccount storage, Webhooks.IWebhookOutbox? webhooks = null)
{
    private const string Prefix = "sub|";
    private readonly TableClient _table = storage.Table(TableNames.Subscriptions);
    private readonly TableClient _schedule = storage.Table(TableNames.SubscriptionSchedule);

    public async Task CreateAsync(string orgId, Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await ScheduleAsync(orgId, subscription, cancellationToken);
        await _table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, JsonRows.ToEntity(orgId, Prefix + subscription.Id, subscription)),
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(orgId, CustomerKey(subscription.CustomerId, subscription.Id))),
            ],
            cancellationToken);
    }

    /// <summary>The subscription and the ETag that guards its next change, or null.</summary>
    public async Task<(Subscription Subscription, ETag ETag)?> ReadAsync(string orgId, string id, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(orgId, Prefix + id, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? (JsonRows.FromEntity<Subscription>(row.Value), row.Value.ETag) : null;
    }

    /// <summary>Replaces the subscription if it is unchanged since <paramref name="etag"/>; returns the new ETag, or null when someone else changed it.</summary>
    /// <remarks>The webhook <paramref name="events"/> of the change, if any, are an outbox row in the same transaction.</remarks>
    public async Task<ETag?> TryReplaceAsync(string orgId, Subscription subscription, ETag etag, CancellationToken cancellationToken, IReadOnlyList<Webhooks.WebhookEvent>? events = null)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await ScheduleAsync(orgId, subscription, cancellationToken);
        var row = JsonRows.ToEntity(orgId, Prefix + subscription.Id, subscription);
        try
        {
            if (events is not { Count: > 0 })
            {
                var response = await _table.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, cancellationToken);
                return response.Headers.ETag ?? throw new InvalidOperationException("The store returned no ETag for the subscription.");
            }

            if (webhooks is not null)
            {
                await webhooks.MarkAsync(TableNames.Subscriptions, orgId, orgId, cancellationToken);
            }

            var results = await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, etag),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, Webhooks.WebhookOutboxRows.ToEntity(orgId, Webhooks.WebhookOutboxRows.Key(events[0].Id), orgId, events)),
                ],
                cancellationToken);
            webhooks?.Committed(TableNames.Subscriptions, orgId);
            return results.Value[0].Headers.ETag ?? throw new InvalidOperationException("The store returned no ETag for the subscription.");
        }
        catch (Exception e) when (StorageFailure.IsConflict(e))
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<Subscription>> ListByCustomerAsync(string orgId, string customerId, CancellationToken cancellationToken)
    {
        var prefix = CustomerKey(customerId, string.Empty);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {orgId} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");
        var result = new List<Subscription>();
        await foreach (var pointer in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (await ReadAsync(orgId, pointer.RowKey[prefix.Length..], cancellationToken) is { } found)
            {
                result.Add(found.Subscription);
            }
        }

        return [.. result.OrderBy(s => s.CreatedAt)];
    }

    /// <summary>The schedule index rows due by <paramref name="now"/>'s hour, a page at a time.</summary>
    public async IAsyncEnumerable<IReadOnlyList<ScheduledSubscription>> DuePagesAsync(DateTimeOffset now, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {HourBuckets.Of(now)}");
        await foreach (var page in _schedule.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages())
        {
            yield return [.. page.Values.Select(row =>
            {
                var cut = row.RowKey.IndexOf('|', StringComparison.Ordinal);
                return new ScheduledSubscription(row.RowKey[..cut], row.RowKey[(cut + 1)..], row.GetDateTimeOffset("DueAt") ?? default, row.PartitionKey, row.ETag);
            })];
        }
    }

    /// <summary>Removes the schedule row of a step the subscription has moved past (call only when its next step is in another hour bucket).</summary>
    public async Task UnscheduleAsync(string orgId, string subscriptionId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            await _schedule.DeleteEntityAsync(HourBuckets.Of(at), orgId + "|" + subscriptionId, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (StorageFailure.IsNotFound(e))
        {
            // Removed already (by another instance, or by the timer's clean-up).
        }
    }

    /// <summary>Removes a schedule row that no longer points at a due step (unless it changed since it was read).</summary>
    public async Task RemoveAsync(ScheduledSubscription entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            await _schedule.DeleteEntityAsync(entry.Bucket, entry.OrgId + "|" + entry.SubscriptionId, entry.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (StorageFailure.IsConflict(e) || StorageFailure.IsNotFound(e))
        {
            // Rewritten since it was read (it is live again) or removed already: either way, nothing to do.
        }
    }

    private async Task ScheduleAsync(string orgId, Subscription subscription, CancellationToken cancellationToken)
    {
        if (subscription.NextStepAt is { } at)
        {
            var row = new TableEntity(HourBuckets.Of(at), orgId + "|" + subscription.Id) { ["DueAt"] = at };
            await _schedule.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }
    }

    private static string CustomerKey(string customerId, string subscriptionId) => "cus|" + customerId + "|" + subscriptionId;
}
