using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace UnitPay.Core.Webhooks;

/// <summary>
/// The outbox row of a change that emits events: in the changed row's partition, written in the change's own
/// transaction (so the events exist exactly when the change does), holding the events' envelopes. A wallet's is keyed by
/// the head's ledger sequence after the commit; an organization partition's (top-up attempts, subscriptions) by its
/// event id. The dispatcher deletes it once the events are queued for every subscribed endpoint.
/// </summary>
public static class WebhookOutboxRows
{
    public const string Prefix = "o|";

    /// <summary>A wallet's outbox row: the sequence, then the wallet id, so no two wallets share a row key (WalletRows' remarks on Azurite).</summary>
    public static string Key(string walletId, long sequence) => Prefix + sequence.ToString("D19", CultureInfo.InvariantCulture) + "|" + walletId;

    public static string Key(string eventId) => Prefix + eventId;

    public static TableEntity ToEntity(string walletId, string orgId, long sequence, IReadOnlyList<WebhookEvent> events) =>
        ToEntity(walletId, Key(walletId, sequence), orgId, events);

    public static TableEntity ToEntity(string partition, string rowKey, string orgId, IReadOnlyList<WebhookEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var array = new JsonArray(events.Select(e => (JsonNode?)JsonValue.Create(e.ToJson())).ToArray());
        return new TableEntity(partition, rowKey)
        {
            ["OrgId"] = orgId,
            ["Events"] = array.ToJsonString(),
        };
    }

    /// <summary>The envelopes (as text) a row holds.</summary>
    public static IReadOnlyList<string> Envelopes(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return JsonNode.Parse(row.GetString("Events"))?.AsArray().Select(n => n?.GetValue<string>() ?? throw new JsonException("An outbox event is text.")).ToList()
            ?? throw new JsonException("An outbox row holds an array.");
    }
}
