using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using UnitPay.Core.Deduction;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Reservations;

namespace UnitPay.Core.Wallets;

/// <summary>
/// The mapper between the wallet aggregate and its rows. One partition per wallet (the partition key is the
/// wallet id) holds: the head (<c>head|{walletId}</c>), grants (<c>g|{id}</c>), ledger pages
/// (<c>l|{inverted first sequence}|{walletId}</c>, one per transaction, so a range read is newest first), event markers
/// (<c>e|{eventId}</c>, whose insert is the exactly-once guard) and holds (<c>h|{holdId}</c>).
/// </summary>
/// <remarks>
/// The head's and the pages' row keys carry the wallet id although the partition key already does, so that no two
/// wallets share a row key. Azure does not care; Azurite does: it finds an entity by its row key first (an index) and
/// then scans every row with that row key for the partition, so a row key shared by all wallets (<c>head</c>, or the
/// page of sequence 1) made every write of a wallet cost a scan over all wallets (two thirds of Azurite's time with
/// 1,000 wallets, measured with <c>node --prof</c>; BENCHMARKS.md).
/// </remarks>
public static class WalletRows
{
    public const string HeadPrefix = "head|";
    public const string GrantPrefix = "g|";
    public const string LedgerPrefix = "l|";
    public const string EventPrefix = "e|";
    public const string HoldPrefix = "h|";

    public static string GrantKey(string grantId) => GrantPrefix + grantId;

    public static string EventKey(string eventId) => EventPrefix + eventId;

    public static string HoldKey(string holdId) => HoldPrefix + holdId;

    public static string HeadKey(string walletId) => HeadPrefix + walletId;

    public static bool IsHeadKey(string rowKey) => rowKey.StartsWith(HeadPrefix, StringComparison.Ordinal);

    /// <summary>
    /// A ledger page's row key: the inverted first sequence (so newer pages sort first), then the wallet id, which is
    /// the same on every page of a partition and so leaves the order to the sequence.
    /// </summary>
    public static string LedgerKey(string walletId, long sequence) =>
        LedgerPrefix + (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture) + "|" + walletId;

    /// <summary>The upper bound of a prefix range (prefixes end in '|', and '}' sorts right after it).</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + "}";

    public static string LedgerEntryId(string walletId, long sequence) =>
        "led_" + walletId["cacc_".Length..] + "_" + sequence.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseLedgerEntryId(string id, out string walletId, out long sequence)
    {
        walletId = string.Empty;
        sequence = 0;
        if (!id.StartsWith("led_", StringComparison.Ordinal))
        {
            return false;
        }

        var cut = id.LastIndexOf('_');
        if (cut <= 4 || !long.TryParse(id.AsSpan(cut + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence))
        {
            return false;
        }

        walletId = "cacc_" + id[4..cut];
        return true;
    }

    public static TableEntity ToEntity(WalletHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return new TableEntity(head.WalletId, HeadKey(head.WalletId))
        {
            ["OrgId"] = head.OrgId,
            ["CustomerId"] = head.CustomerId,
            ["CurrencyId"] = head.CurrencyId,
            ["Status"] = head.Status.ToString(),
            ["Balance"] = head.Balance,
            ["Deficit"] = head.Deficit,
            ["DeficitBehavior"] = head.DeficitBehavior,
            ["OverageSettledThrough"] = head.OverageSettledThrough,
            ["Reserved"] = head.Reserved,
            ["AutoTopUpThreshold"] = head.AutoTopUpThreshold,
            ["LowBalanceThreshold"] = head.LowBalanceThreshold,
            ["LastSequence"] = head.LastSequence,
            ["CreatedAt"] = head.CreatedAt,
            ["UpdatedAt"] = head.UpdatedAt,
        };
    }

    public static WalletHead ToHead(TableEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new WalletHead
        {
            WalletId = e.PartitionKey,
            OrgId = e.GetString("OrgId"),
            CustomerId = e.GetString("CustomerId"),
            CurrencyId = e.GetString("CurrencyId"),
            Status = Enum.Parse<WalletStatus>(e.GetString("Status")),
            Balance = e.GetInt64("Balance") ?? 0,
            Deficit = e.GetInt64("Deficit") ?? 0,
            DeficitBehavior = e.GetString("DeficitBehavior"),
            OverageSettledThrough = e.GetDateTimeOffset("OverageSettledThrough"),
            Reserved = e.GetInt64("Reserved") ?? 0,
            AutoTopUpThreshold = e.GetInt64("AutoTopUpThreshold"),
            LowBalanceThreshold = e.GetInt64("LowBalanceThreshold"),
            LastSequence = e.GetInt64("LastSequence") ?? 0,
            CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
            UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
        };
    }

    public static TableEntity ToEntity(string walletId, Grant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return new TableEntity(walletId, GrantKey(grant.Id))
        {
            ["Source"] = GrantSources.ToWire(grant.Source),
            ["Amount"] = grant.Amount,
            ["Remaining"] = grant.Remaining,
            ["Held"] = grant.Held,
            ["Priority"] = grant.Priority,
            ["EffectiveAt"] = grant.EffectiveAt,
            ["ExpiresAt"] = grant.ExpiresAt,
            ["Status"] = grant.Status.ToString(),
            ["Open"] = grant.Status == GrantStatus.Open,
            ["SourceRef"] = grant.SourceRef,
            ["ParentGrantId"] = grant.ParentGrantId,
            ["RolloverCount"] = grant.RolloverCount,
            ["AwaitsRollover"] = grant.AwaitsRollover,
            ["Reason"] = grant.Reason,
            ["CreatedAt"] = grant.CreatedAt,
        };
    }

    public static Grant ToGrant(TableEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var source = GrantSources.TryParse(e.GetString("Source"), out var s) ? s : throw Corrupt(e, "Source");
        return new Grant
        {
            Id = e.RowKey[GrantPrefix.Length..],
            Source = source,
            Amount = e.GetInt64("Amount") ?? 0,
            Remaining = e.GetInt64("Remaining") ?? 0,
            Held = e.GetInt64("Held") ?? 0,
            Priority = e.GetInt32("Priority") ?? 0,
            EffectiveAt = e.GetDateTimeOffset("EffectiveAt") ?? default,
            ExpiresAt = e.GetDateTimeOffset("ExpiresAt"),
            Status = Enum.Parse<GrantStatus>(e.GetString("Status")),
            SourceRef = e.GetString("SourceRef"),
            ParentGrantId = e.GetString("ParentGrantId"),
            RolloverCount = e.GetInt32("RolloverCount") ?? 0,
            AwaitsRollover = e.GetBoolean("AwaitsRollover") ?? false,
            Reason = e.GetString("Reason"),
            CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        };
    }

    /// <summary>A ledger page of one entry (for writers outside the engine, such as the naive benchmark baseline).</summary>
    public static TableEntity ToEntity(string walletId, LedgerEntry entry) => ToLedgerPages(walletId, [entry]).Single();

    /// <summary>
    /// The ledger rows of one transaction's entries. Entries are stored in pages: one row per transaction (keyed by its
    /// first entry's inverted sequence, so a range read is still newest first), holding the entries as JSON split over
    /// columns of at most <see cref="MaxPageColumnChars"/> characters. A hot wallet's transaction of ~97 usage events so
    /// writes one ledger row instead of 97, which is what lets it approach one entity write per event. Only a page
    /// beyond <see cref="MaxPageChars"/> (hundreds of entries) starts another row.
    /// </summary>
    public static IReadOnlyList<TableEntity> ToLedgerPages(string walletId, IReadOnlyList<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var pages = new List<TableEntity>();
        var json = new List<string>();
        var chars = 0;
        long first = 0;
        foreach (var entry in entries)
        {
            var text = JsonSerializer.Serialize(PagedEntry.From(entry));
            if (json.Count > 0 && chars + text.Length + 1 > MaxPageChars)
            {
                pages.Add(Page(walletId, first, json));
                json.Clear();
                chars = 0;
            }

            if (json.Count == 0)
            {
                first = entry.Sequence;
            }

            json.Add(text);
            chars += text.Length + 1;
        }

        if (json.Count > 0)
        {
            pages.Add(Page(walletId, first, json));
        }

        return pages;
    }

    /// <summary>The entries of one ledger page, oldest first.</summary>
    public static IReadOnlyList<LedgerEntry> ToLedgerEntries(TableEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var json = new StringBuilder();
        for (var i = 0; e.GetString("E" + i.ToString(CultureInfo.InvariantCulture)) is { } part; i++)
        {
            json.Append(part);
        }

        var paged = JsonSerializer.Deserialize<List<PagedEntry>>(json.ToString()) ?? throw Corrupt(e, "E0");
        return paged.Select(p => p.ToEntry(e)).ToList();
    }

    /// <summary>The most characters of JSON in one column (a string column holds at most 64 KiB of UTF-16).</summary>
    public const int MaxPageColumnChars = 30_000;

    /// <summary>The most characters of JSON in one page row (an entity holds at most 1 MiB).</summary>
    public const int MaxPageChars = 300_000;

    private static TableEntity Page(string walletId, long first, List<string> json)
    {
        var text = "[" + string.Join(',', json) + "]";
        var row = new TableEntity(walletId, LedgerKey(walletId, first))
        {
            ["First"] = first,
            ["Count"] = json.Count,
        };
        for (var i = 0; i * MaxPageColumnChars < text.Length; i++)
        {
            var start = i * MaxPageColumnChars;
            row["E" + i.ToString(CultureInfo.InvariantCulture)] = text.Substring(start, Math.Min(MaxPageColumnChars, text.Length - start));
        }

        return row;
    }

    /// <summary>One ledger entry inside a page. Short names keep a page of ~100 entries small.</summary>
    private sealed record PagedEntry(
        long S,
        string T,
        string R,
        long A,
        long B,
        long F,
        IReadOnlyList<BreakdownRow>? K,
        string? Fs,
        string? E,
        string? G,
        string? H,
        DateTimeOffset C,
        IReadOnlyDictionary<string, string>? M)
    {
        public static PagedEntry From(LedgerEntry e) => new(
            e.Sequence,
            LedgerNames.ToWire(e.Type),
            LedgerNames.ToWire(e.Reason),
            e.Amount,
            e.BalanceBefore,
            e.BalanceAfter,
            e.Breakdown.Count == 0 ? null : e.Breakdown.Select(d => new BreakdownRow(d.GrantId, d.Amount)).ToList(),
            e.FeatureSlug,
            e.EventId,
            e.GrantId,
            e.HoldId,
            e.CreatedAt,
            e.Metadata);

        public LedgerEntry ToEntry(TableEntity row) => new()
        {
            Sequence = S,
            Type = LedgerNames.TryParseType(T, out var type) ? type : throw Corrupt(row, "Type"),
            Reason = LedgerNames.TryParseReason(R, out var reason) ? reason : throw Corrupt(row, "Reason"),
            Amount = A,
            BalanceBefore = B,
            BalanceAfter = F,
            Breakdown = K?.Select(b => new GrantDraw(b.G, b.A)).ToList() ?? [],
            FeatureSlug = Fs,
            EventId = E,
            GrantId = G,
            HoldId = H,
            CreatedAt = C,
            Metadata = M,
        };
    }

    public static TableEntity ToEntity(string walletId, EventOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new TableEntity(walletId, EventKey(outcome.EventId))
        {
            ["Status"] = outcome.Status.ToString(),
            ["Reason"] = outcome.Reason,
            ["Amount"] = outcome.Amount,
            ["LedgerSequence"] = outcome.LedgerSequence,
            ["FeatureSlug"] = outcome.FeatureSlug,
            ["ProcessedAt"] = outcome.ProcessedAt,
        };
    }

    public static EventOutcome ToOutcome(TableEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new EventOutcome
        {
            EventId = e.RowKey[EventPrefix.Length..],
            Status = Enum.Parse<EventOutcomeStatus>(e.GetString("Status")),
            Reason = e.GetString("Reason"),
            Amount = e.GetInt64("Amount") ?? 0,
            LedgerSequence = e.GetInt64("LedgerSequence"),
            FeatureSlug = e.GetString("FeatureSlug") ?? string.Empty,
            ProcessedAt = e.GetDateTimeOffset("ProcessedAt") ?? default,
        };
    }

    public static TableEntity ToEntity(string walletId, Hold hold)
    {
        ArgumentNullException.ThrowIfNull(hold);
        return new TableEntity(walletId, HoldKey(hold.Id))
        {
            ["CustomerId"] = hold.CustomerId,
            ["CurrencyId"] = hold.CreditCurrencyId,
            ["Amount"] = hold.Amount,
            ["Breakdown"] = WriteBreakdown(hold.Breakdown),
            ["Status"] = hold.Status.ToString(),
            ["Open"] = hold.Status == HoldStatus.Held,
            ["ExpiresAt"] = hold.ExpiresAt,
            ["CreatedAt"] = hold.CreatedAt,
            ["ResolvedAt"] = hold.ResolvedAt,
            ["CommittedAmount"] = hold.CommittedAmount,
            ["ReleasedAmount"] = hold.ReleasedAmount,
            ["FeatureSlug"] = hold.FeatureSlug,
            ["Quantity"] = hold.Quantity?.ToString(CultureInfo.InvariantCulture),
            ["Reference"] = hold.Reference,
        };
    }

    public static Hold ToHold(TableEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new Hold
        {
            Id = e.RowKey[HoldPrefix.Length..],
            CustomerId = e.GetString("CustomerId") ?? throw Corrupt(e, "CustomerId"),
            CreditCurrencyId = e.GetString("CurrencyId") ?? throw Corrupt(e, "CurrencyId"),
            Amount = e.GetInt64("Amount") ?? 0,
            Breakdown = ReadBreakdown(e),
            Status = Enum.TryParse<HoldStatus>(e.GetString("Status"), out var status) ? status : throw Corrupt(e, "Status"),
            ExpiresAt = e.GetDateTimeOffset("ExpiresAt") ?? throw Corrupt(e, "ExpiresAt"),
            CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
            ResolvedAt = e.GetDateTimeOffset("ResolvedAt"),
            CommittedAmount = e.GetInt64("CommittedAmount") ?? 0,
            ReleasedAmount = e.GetInt64("ReleasedAmount") ?? 0,
            FeatureSlug = e.GetString("FeatureSlug"),
            Quantity = e.GetString("Quantity") is { } q ? decimal.Parse(q, CultureInfo.InvariantCulture) : null,
            Reference = e.GetString("Reference"),
        };
    }

    private static string WriteBreakdown(IEnumerable<GrantDraw> draws) =>
        JsonSerializer.Serialize(draws.Select(d => new BreakdownRow(d.GrantId, d.Amount)));

    private static List<GrantDraw> ReadBreakdown(TableEntity e) =>
        (JsonSerializer.Deserialize<List<BreakdownRow>>(e.GetString("Breakdown") ?? "[]") ?? []).Select(b => new GrantDraw(b.G, b.A)).ToList();

    private static InvalidDataException Corrupt(TableEntity e, string property) =>
        new($"Row {e.PartitionKey}/{e.RowKey} has an unreadable {property}.");

    // Short property names keep ledger rows small: a breakdown can list many grants.
    private sealed record BreakdownRow(string G, long A);
}
