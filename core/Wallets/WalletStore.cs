using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Reservations;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Wallets;

/// <summary>
/// Reads and writes wallet partitions. Every write is one entity-group transaction that replaces the head under the
/// ETag it was read with, so two writers can never both win; and the event markers are inserted in the same
/// transaction as the deduction they record, so an event can never be applied twice.
/// </summary>
public sealed class WalletStore
{
    /// <summary>Azure Table Storage's limit on operations in one entity-group transaction.</summary>
    public const int MaxOperationsPerTransaction = 100;

    private readonly WalletAccounts _accounts;
    private readonly Polly.ResiliencePipeline _transient;

    /// <summary>Every wallet in the app's own account.</summary>
    public WalletStore(StorageAccount storage, TimeProvider clock)
        : this(new WalletAccounts(storage), clock)
    {
    }

    /// <summary>Wallets spread over <paramref name="accounts"/>: each wallet's rows in the account its id hashes to.</summary>
    public WalletStore(WalletAccounts accounts, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        _accounts = accounts;
        _transient = StorageResilience.Transient(clock);
    }

    /// <summary>The accounts the wallets are spread over.</summary>
    public WalletAccounts Accounts => _accounts;

    private TableClient Table(string walletId) => _accounts.TableOf(walletId);

    /// <summary>Reads the head, the open grants and the open holds, or null when the wallet does not exist.</summary>
    public async Task<WalletSnapshot?> LoadAsync(string walletId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(walletId))
        {
            return null; // no wallet has a key storage refuses
        }

        var filter = $"PartitionKey eq '{Escape(walletId)}' and (RowKey eq '{Escape(WalletRows.HeadKey(walletId))}'"
            + $" or (RowKey ge '{WalletRows.GrantPrefix}' and RowKey lt '{WalletRows.PrefixEnd(WalletRows.GrantPrefix)}' and Open eq true)"
            + $" or (RowKey ge '{WalletRows.HoldPrefix}' and RowKey lt '{WalletRows.PrefixEnd(WalletRows.HoldPrefix)}' and Open eq true))";
        return await _transient.ExecuteAsync(async ct =>
        {
            WalletHead? head = null;
            var etag = default(ETag);
            var grants = new Dictionary<string, (Grant, ETag)>(StringComparer.Ordinal);
            var holds = new Dictionary<string, (Hold, ETag)>(StringComparer.Ordinal);
            await foreach (var row in Table(walletId).QueryAsync<TableEntity>(filter, cancellationToken: ct))
            {
                if (WalletRows.IsHeadKey(row.RowKey))
                {
                    head = WalletRows.ToHead(row);
                    etag = row.ETag;
                }
                else if (row.RowKey.StartsWith(WalletRows.HoldPrefix, StringComparison.Ordinal))
                {
                    var hold = WalletRows.ToHold(row);
                    holds[hold.Id] = (hold, row.ETag);
                }
                else
                {
                    var grant = WalletRows.ToGrant(row);
                    grants[grant.Id] = (grant, row.ETag);
                }
            }

            return head is null ? null : new WalletSnapshot(head, etag, grants, holds);
        }, cancellationToken);
    }

    /// <summary>
    /// Inserts a new, empty wallet head and returns the new wallet's snapshot (no grants, no holds: nothing to read
    /// back). Returns null when it already exists (someone else created it).
    /// </summary>
    public async Task<WalletSnapshot?> TryCreateAsync(WalletHead head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(head);
        try
        {
            var response = await _transient.ExecuteAsync(async ct => await Table(head.WalletId).AddEntityAsync(WalletRows.ToEntity(head), ct), cancellationToken);
            return new WalletSnapshot(head, response.Headers.ETag ?? throw new InvalidOperationException("The store returned no ETag for a new wallet head."), NoGrants, NoHolds);
        }
        catch (RequestFailedException e) when (StorageFailure.IsAlreadyExists(e))
        {
            return null;
        }
    }

    private static readonly IReadOnlyDictionary<string, (Grant, ETag)> NoGrants = new Dictionary<string, (Grant, ETag)>(StringComparer.Ordinal);
    private static readonly IReadOnlyDictionary<string, (Hold, ETag)> NoHolds = new Dictionary<string, (Hold, ETag)>(StringComparer.Ordinal);

    /// <summary>
    /// Writes what <paramref name="session"/> changed as one transaction guarded by the snapshot's head ETag,
    /// and returns the snapshot that results. Throws <see cref="TableTransactionFailedException"/> on 412 (lost the
    /// race: re-read and re-apply) or 409 (an event marker exists: that event was applied before).
    /// </summary>
    public async Task<WalletSnapshot> CommitAsync(WalletSnapshot snapshot, WalletSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(session);
        if (session.OperationCount > MaxOperationsPerTransaction)
        {
            throw new InvalidOperationException($"A wallet transaction may hold at most {MaxOperationsPerTransaction} operations; this one has {session.OperationCount}.");
        }

        var walletId = snapshot.Head.WalletId;
        var actions = new List<TableTransactionAction>(session.OperationCount)
        {
            new(TableTransactionActionType.UpdateReplace, WalletRows.ToEntity(session.Head), snapshot.HeadETag),
        };
        var touched = session.TouchedGrants.ToList();
        foreach (var grant in touched)
        {
            var row = WalletRows.ToEntity(walletId, grant);
            actions.Add(session.IsNewGrant(grant.Id)
                ? new TableTransactionAction(TableTransactionActionType.Add, row)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, snapshot.OpenGrants[grant.Id].ETag));
        }

        var touchedHolds = session.TouchedHolds.ToList();
        foreach (var hold in touchedHolds)
        {
            var row = WalletRows.ToEntity(walletId, hold);
            actions.Add(session.IsNewHold(hold.Id)
                ? new TableTransactionAction(TableTransactionActionType.Add, row)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, snapshot.OpenHolds[hold.Id].ETag));
        }

        foreach (var page in WalletRows.ToLedgerPages(walletId, session.NewEntries))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, page));
        }

        foreach (var outcome in session.NewOutcomes)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, WalletRows.ToEntity(walletId, outcome)));
        }

        // Webhooks: the events of this commit, in its own transaction (after the rows whose results are read below).
        if (Webhooks.WalletWebhookEvents.From(session) is { Count: > 0 } events)
        {
            actions.Add(new TableTransactionAction(
                TableTransactionActionType.Add, Webhooks.WebhookOutboxRows.ToEntity(walletId, session.Head.OrgId, session.Head.LastSequence, events)));
        }

        if (actions.Count > MaxOperationsPerTransaction)
        {
            throw new InvalidOperationException($"A wallet transaction may hold at most {MaxOperationsPerTransaction} operations; this one needs {actions.Count}.");
        }

        var response = await Table(walletId).SubmitTransactionAsync(actions, cancellationToken);
        var results = response.Value;

        var grants = new Dictionary<string, (Grant, ETag)>(snapshot.OpenGrants, StringComparer.Ordinal);
        for (var i = 0; i < touched.Count; i++)
        {
            var grant = touched[i];
            if (grant.Status == GrantStatus.Open)
            {
                grants[grant.Id] = (grant, results[1 + i].Headers.ETag ?? ETag.All);
            }
            else
            {
                grants.Remove(grant.Id);
            }
        }

        var holds = new Dictionary<string, (Hold, ETag)>(snapshot.OpenHolds, StringComparer.Ordinal);
        for (var i = 0; i < touchedHolds.Count; i++)
        {
            var hold = touchedHolds[i];
            if (hold.Status == HoldStatus.Held)
            {
                holds[hold.Id] = (hold, results[1 + touched.Count + i].Headers.ETag ?? ETag.All);
            }
            else
            {
                holds.Remove(hold.Id);
            }
        }

        var headETag = results[0].Headers.ETag ?? throw new InvalidOperationException("The store returned no ETag for the wallet head.");
        return new WalletSnapshot(session.Head, headETag, grants, holds);
    }

    /// <summary>Reads the recorded outcomes of the given events (those that have one).</summary>
    public async Task<IReadOnlyDictionary<string, EventOutcome>> ReadOutcomesAsync(string walletId, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, EventOutcome>(StringComparer.Ordinal);
        if (!TableKeys.IsValid(walletId))
        {
            return found;
        }

        foreach (var chunk in eventIds.Where(id => TableKeys.IsValid(WalletRows.EventKey(id))).Chunk(40))
        {
            var filter = new StringBuilder($"PartitionKey eq '{Escape(walletId)}' and (");
            filter.AppendJoin(" or ", chunk.Select(id => $"RowKey eq '{Escape(WalletRows.EventKey(id))}'"));
            filter.Append(')');
            await _transient.ExecuteAsync(async ct =>
            {
                await foreach (var row in Table(walletId).QueryAsync<TableEntity>(filter.ToString(), cancellationToken: ct))
                {
                    var outcome = WalletRows.ToOutcome(row);
                    found[outcome.EventId] = outcome;
                }
            }, cancellationToken);
        }

        return found;
    }

    public async Task<EventOutcome?> ReadOutcomeAsync(string walletId, string eventId, CancellationToken cancellationToken)
    {
        if (!TableKeys.AreValid(walletId, WalletRows.EventKey(eventId)))
        {
            return null;
        }

        var row = await _transient.ExecuteAsync(
            async ct => await Table(walletId).GetEntityIfExistsAsync<TableEntity>(walletId, WalletRows.EventKey(eventId), cancellationToken: ct),
            cancellationToken);
        return row.HasValue && row.Value is not null ? WalletRows.ToOutcome(row.Value) : null;
    }

    public async Task<Hold?> ReadHoldAsync(string walletId, string holdId, CancellationToken cancellationToken)
    {
        if (!TableKeys.AreValid(walletId, WalletRows.HoldKey(holdId)))
        {
            return null;
        }

        var row = await _transient.ExecuteAsync(
            async ct => await Table(walletId).GetEntityIfExistsAsync<TableEntity>(walletId, WalletRows.HoldKey(holdId), cancellationToken: ct),
            cancellationToken);
        return row.HasValue && row.Value is not null ? WalletRows.ToHold(row.Value) : null;
    }

    public async Task<Grant?> ReadGrantAsync(string walletId, string grantId, CancellationToken cancellationToken)
    {
        if (!TableKeys.AreValid(walletId, WalletRows.GrantKey(grantId)))
        {
            return null;
        }

        var row = await _transient.ExecuteAsync(
            async ct => await Table(walletId).GetEntityIfExistsAsync<TableEntity>(walletId, WalletRows.GrantKey(grantId), cancellationToken: ct),
            cancellationToken);
        return row.HasValue && row.Value is not null ? WalletRows.ToGrant(row.Value) : null;
    }

    /// <summary>
    /// Reads ledger entries newest first. <paramref name="beforeSequence"/> continues a previous page (exclusive).
    /// Entries are stored in pages keyed by their first sequence, so the read starts at the page that holds
    /// <c>beforeSequence - 1</c>. The filter runs after the read, and the read stops once <paramref name="limit"/>
    /// entries matched (and one more shows there is a next page).
    /// </summary>
    public async Task<(IReadOnlyList<LedgerEntry> Entries, long? NextBeforeSequence)> ReadLedgerAsync(
        string walletId,
        long? beforeSequence,
        int limit,
        Func<LedgerEntry, bool> predicate,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        if (!TableKeys.IsValid(walletId))
        {
            return ([], null);
        }

        var from = beforeSequence is { } before ? Escape(WalletRows.LedgerKey(walletId, before - 1)) : WalletRows.LedgerPrefix;
        var filter = $"PartitionKey eq '{Escape(walletId)}' and RowKey ge '{from}' and RowKey lt '{WalletRows.PrefixEnd(WalletRows.LedgerPrefix)}'";
        var entries = new List<LedgerEntry>(Math.Min(limit, 1000));
        await foreach (var row in Table(walletId).QueryAsync<TableEntity>(filter, maxPerPage: 100, cancellationToken: cancellationToken))
        {
            var page = WalletRows.ToLedgerEntries(row);
            for (var i = page.Count - 1; i >= 0; i--)
            {
                var entry = page[i];
                if (entry.Sequence >= beforeSequence || !predicate(entry))
                {
                    continue;
                }

                if (entries.Count == limit)
                {
                    return (entries, entries[^1].Sequence);
                }

                entries.Add(entry);
            }
        }

        return (entries, null);
    }

    /// <summary>
    /// Streams the ledger newest first, one stored page at a time, for readers that stop at a point in time (burn
    /// rates, balances as of an instant). Rows are keyed by inverted sequence, so the read starts at the newest page and
    /// a reader that stops early has read only the pages after its stopping point.
    /// </summary>
    public async IAsyncEnumerable<LedgerEntry> StreamLedgerNewestFirstAsync(string walletId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(walletId))
        {
            yield break;
        }

        var filter = $"PartitionKey eq '{Escape(walletId)}' and RowKey ge '{WalletRows.LedgerPrefix}' and RowKey lt '{WalletRows.PrefixEnd(WalletRows.LedgerPrefix)}'";
        await foreach (var row in Table(walletId).QueryAsync<TableEntity>(filter, maxPerPage: 20, cancellationToken: cancellationToken))
        {
            var page = WalletRows.ToLedgerEntries(row);
            for (var i = page.Count - 1; i >= 0; i--)
            {
                yield return page[i];
            }
        }
    }

    /// <summary>Reads every ledger entry oldest first (for audits and invariant checks).</summary>
    public async Task<IReadOnlyList<LedgerEntry>> ReadWholeLedgerAsync(string walletId, CancellationToken cancellationToken)
    {
        var (entries, _) = await ReadLedgerAsync(walletId, null, int.MaxValue - 1, _ => true, cancellationToken);
        return entries.Reverse().ToList();
    }

    /// <summary>Reads every grant of the wallet, open or closed.</summary>
    public async Task<IReadOnlyList<Grant>> ReadAllGrantsAsync(string walletId, CancellationToken cancellationToken)
    {
        var filter = $"PartitionKey eq '{Escape(walletId)}' and RowKey ge '{WalletRows.GrantPrefix}' and RowKey lt '{WalletRows.PrefixEnd(WalletRows.GrantPrefix)}'";
        var grants = new List<Grant>();
        await foreach (var row in Table(walletId).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            grants.Add(WalletRows.ToGrant(row));
        }

        return grants;
    }

    /// <summary>Counts event markers (for audits): how many distinct events this wallet has recorded.</summary>
    public async Task<IReadOnlyList<EventOutcome>> ReadAllOutcomesAsync(string walletId, CancellationToken cancellationToken)
    {
        var filter = $"PartitionKey eq '{Escape(walletId)}' and RowKey ge '{WalletRows.EventPrefix}' and RowKey lt '{WalletRows.PrefixEnd(WalletRows.EventPrefix)}'";
        var outcomes = new List<EventOutcome>();
        await foreach (var row in Table(walletId).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            outcomes.Add(WalletRows.ToOutcome(row));
        }

        return outcomes;
    }

    internal static string Escape(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
