using System.Threading.Channels;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using UnitPay.Core.Faults;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Webhooks;

/// <summary>
/// Turns outbox rows (of wallets, top-up attempts, subscriptions) into deliveries: each event of a row is queued once per endpoint of the organization that
/// subscribes to its type, then the row is deleted. Live, a commit's signal (<see cref="Committed"/>) is handled by
/// <see cref="RunAsync"/> in the background, off the deduction path; the sweeper (<see cref="SweepAsync"/>) replays
/// what an instance that died between commit and dispatch left, found through the marks written before each commit.
/// A crash between queueing and deleting queues the same events again, with the same ids: delivery is at least once.
/// </summary>
public sealed partial class WebhookDispatcher : IWebhookOutbox
{
    private readonly StorageAccount _storage;
    private readonly TableClient _index;
    private readonly WebhookEndpointStore _endpoints;
    private readonly WebhookDeliveryOutlet _queue;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly IFaultInjector? _faults;
    private readonly Polly.ResiliencePipeline _transient;
    private readonly WalletAccounts _wallets;
    private readonly Channel<(string Table, string Partition)> _signals =
        Channel.CreateUnbounded<(string Table, string Partition)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The tables whose partitions hold outbox rows (a mark names one of them).</summary>
    public static IReadOnlyList<string> OutboxTables { get; } = [TableNames.Wallets, TableNames.TopUpAttempts, TableNames.Subscriptions];

    public WebhookDispatcher(
        StorageAccount storage,
        WebhookEndpointStore endpoints,
        WebhookDeliveryOutlet queue,
        WebhookOptions options,
        TimeProvider clock,
        ILogger<WebhookDispatcher> logger,
        IFaultInjector? faults = null,
        WalletAccounts? wallets = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
        _wallets = wallets ?? new WalletAccounts(storage);
        _index = storage.Table(TableNames.WebhookOutboxIndex);
        _endpoints = endpoints;
        _queue = queue;
        _options = options;
        _clock = clock;
        _logger = logger;
        _faults = faults;
        _transient = StorageResilience.Transient(clock);
    }

    public async Task MarkAsync(string table, string partition, string orgId, CancellationToken cancellationToken)
    {
        // The row key names the partition as well as the table: a key that every marked wallet shares makes each
        // upsert on Azurite scan all marks with that key (WalletRows' remarks).
        var mark = new TableEntity(partition, table + "|" + partition) { ["Table"] = table, ["OrgId"] = orgId, ["MarkedAt"] = _clock.GetUtcNow() };
        await _transient.ExecuteAsync(async ct => await _index.UpsertEntityAsync(mark, TableUpdateMode.Replace, ct), cancellationToken);
    }

    public void Committed(string table, string partition) => _signals.Writer.TryWrite((table, partition));

    /// <summary>The live dispatch: handles each committed wallet's outbox as signalled, until stopped. A failure is logged and left to the sweeper.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (table, partition) in _signals.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await DispatchAsync(table, partition, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogDispatchFailed(_logger, table, partition, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>Queues the events of every outbox row of the partition and deletes the rows; returns how many events it queued.</summary>
    public async Task<int> DispatchAsync(string table, string partition, CancellationToken cancellationToken)
    {
        if (!OutboxTables.Contains(table, StringComparer.Ordinal))
        {
            throw new ArgumentOutOfRangeException(nameof(table), table, "Not a table with outbox rows.");
        }

        // A wallet's outbox is in the account that holds the wallet; an organization's, in the app's own.
        var source = table == TableNames.Wallets ? _wallets.TableOf(partition) : _storage.Table(table);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {WebhookOutboxRows.Prefix} and RowKey lt {"o}"}");
        var rows = await _transient.ExecuteAsync(async ct =>
        {
            var found = new List<TableEntity>();
            await foreach (var row in source.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            {
                found.Add(row);
            }

            return found;
        }, cancellationToken);

        var queued = 0;
        IReadOnlyList<WebhookEndpoint>? endpoints = null;
        foreach (var row in rows)
        {
            endpoints ??= await _endpoints.ListAsync(row.GetString("OrgId"), cancellationToken);
            foreach (var envelope in WebhookOutboxRows.Envelopes(row))
            {
                var e = WebhookEvent.Parse(envelope);
                foreach (var endpoint in endpoints.Where(x => x.Subscribes(e.Type)))
                {
                    await _queue.SendAsync(new WebhookDeliveryMessage(e.OrgId, endpoint.Id, e.Id, e.Type, e.CreatedAt, envelope, 1), TimeSpan.Zero, cancellationToken);
                    queued++;
                }
            }

            _faults?.Hit(FaultPoint.AfterWebhookFanOut);
            try
            {
                await _transient.ExecuteAsync(async ct => await source.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, ct), cancellationToken);
            }
            catch (RequestFailedException x) when (StorageFailure.IsNotFound(x) || StorageFailure.IsConflict(x))
            {
                // another dispatcher (the live one, or a sweep) took it first: it queued the same events
            }
        }

        return queued;
    }

    /// <summary>
    /// Replays marked partitions whose mark is older than <see cref="WebhookOptions.SweepGrace"/>: dispatches what their
    /// outbox still holds, then clears the mark (under its ETag: a commit that marked it again keeps it).
    /// </summary>
    public async Task<WebhookSweepSummary> SweepAsync(CancellationToken cancellationToken)
    {
        var before = _clock.GetUtcNow() - _options.SweepGrace;
        var filter = TableClient.CreateQueryFilter($"MarkedAt le {before}");
        var marks = new List<TableEntity>();
        await foreach (var mark in _index.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            marks.Add(mark);
        }

        int wallets = 0, events = 0, failed = 0;
        foreach (var mark in marks)
        {
            try
            {
                events += await DispatchAsync(MarkedTable(mark), mark.PartitionKey, cancellationToken);
                await _index.DeleteEntityAsync(mark.PartitionKey, mark.RowKey, mark.ETag, cancellationToken);
                wallets++;
            }
            catch (RequestFailedException e) when (StorageFailure.IsConflict(e) || StorageFailure.IsNotFound(e))
            {
                wallets++; // marked again by a newer commit (or cleared by another sweep): left for later
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed++;
                LogDispatchFailed(_logger, MarkedTable(mark), mark.PartitionKey, e);
            }
        }

        return new WebhookSweepSummary(wallets, events, failed);
    }

    private static string MarkedTable(TableEntity mark) =>
        mark.GetString("Table") ?? throw new InvalidDataException($"Webhook mark {mark.PartitionKey}/{mark.RowKey} names no table.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook dispatch of {Table} partition {Partition} failed; the sweeper replays it")]
    private static partial void LogDispatchFailed(ILogger logger, string table, string partition, Exception exception);
}
