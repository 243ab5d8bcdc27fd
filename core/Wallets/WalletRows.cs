using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using UnitPay.Core.Deduction;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Reservations;

namespace UnitPay.Core.Wallets;

/// <summary>
/// The mapper between the wallet aggregate and its rows. One partition per wallet (the partition key is the
/// wallet id) holds: <c>head</c>, grants (<c>g|{id}</c>), ledger entries (<c>l|{inverted sequence}</c>, so a range
/// read is newest first), event markers (<c>e|{eventId}</c>, whose insert is the exactly-once guard) and holds
/// (<c>h|{holdId}</c>).
/// </summary>
public static class WalletRows
{
    public const string HeadKey = "head";
    public const string GrantPrefix = "g|";
    public const string LedgerPrefix = "l|";
    public const string EventPrefix = "e|";
    public const string HoldPrefix = "h|";

    public static string GrantKey(string grantId) => GrantPrefix + grantId;

    public static string EventKey(string eventId) => EventPrefix + eventId;

    public static string HoldKey(string holdId) => HoldPrefix + holdId;

    public static string LedgerKey(long sequence) => LedgerPrefix + (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture);

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
        return new TableEntity(head.WalletId, HeadKey)
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

    public static TableEntity ToEntity(string walletId, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new TableEntity(walletId, LedgerKey(entry.Sequence))
        {
            ["Sequence"] = entry.Sequence,
            ["Type"] = LedgerNames.ToWire(entry.Type),
            ["Reason"] = LedgerNames.ToWire(entry.Reason),
            ["Amount"] = entry.Amount,
            ["BalanceBefore"] = entry.BalanceBefore,
            ["BalanceAfter"] = entry.BalanceAfter,
            ["Breakdown"] = WriteBreakdown(entry.Breakdown),
            ["FeatureSlug"] = entry.FeatureSlug,
            ["EventId"] = entry.EventId,
            ["GrantId"] = entry.GrantId,
            ["HoldId"] = entry.HoldId,
            ["CreatedAt"] = entry.CreatedAt,
            ["Metadata"] = entry.Metadata is null ? null : JsonSerializer.Serialize(entry.Metadata),
        };
    }

    public static LedgerEntry ToLedgerEntry(TableEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var type = LedgerNames.TryParseType(e.GetString("Type"), out var t) ? t : throw Corrupt(e, "Type");
        var reason = LedgerNames.TryParseReason(e.GetString("Reason"), out var r) ? r : throw Corrupt(e, "Reason");
        var metadata = e.GetString("Metadata") is { } m ? JsonSerializer.Deserialize<Dictionary<string, string>>(m) : null;
        return new LedgerEntry
        {
            Sequence = e.GetInt64("Sequence") ?? 0,
            Type = type,
            Reason = reason,
            Amount = e.GetInt64("Amount") ?? 0,
            BalanceBefore = e.GetInt64("BalanceBefore") ?? 0,
            BalanceAfter = e.GetInt64("BalanceAfter") ?? 0,
            Breakdown = ReadBreakdown(e),
            FeatureSlug = e.GetString("FeatureSlug"),
            EventId = e.GetString("EventId"),
            GrantId = e.GetString("GrantId"),
            HoldId = e.GetString("HoldId"),
            CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
            Metadata = metadata,
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
