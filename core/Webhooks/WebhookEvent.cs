using System.Text.Json;
using System.Text.Json.Nodes;

namespace UnitPay.Core.Webhooks;

/// <summary>
/// One event as every receiver gets it: <c>{id, type, createdAt, orgId, data}</c>. <see cref="Id"/> is stable: derived
/// from what the event is about, so an event emitted twice (a replay after a crash) carries the same id, and a receiver
/// deduplicates by it.
/// </summary>
public sealed record WebhookEvent(string Id, string Type, DateTimeOffset CreatedAt, string OrgId, JsonObject Data)
{
    /// <summary>The envelope as sent: the exact bytes that are signed (serialized once, kept as text from then on).</summary>
    public string ToJson() => new JsonObject
    {
        ["id"] = Id,
        ["type"] = Type,
        ["createdAt"] = CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
        ["orgId"] = OrgId,
        ["data"] = Data.DeepClone(),
    }.ToJsonString();

    /// <summary>Reads an envelope written by <see cref="ToJson"/>; throws <see cref="JsonException"/> when it is not one.</summary>
    public static WebhookEvent Parse(string json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException("A webhook event is a JSON object.");
        return new WebhookEvent(
            root["id"]?.GetValue<string>() ?? throw new JsonException("A webhook event has an id."),
            root["type"]?.GetValue<string>() ?? throw new JsonException("A webhook event has a type."),
            DateTimeOffset.Parse(root["createdAt"]?.GetValue<string>() ?? throw new JsonException("A webhook event has a createdAt."), System.Globalization.CultureInfo.InvariantCulture),
            root["orgId"]?.GetValue<string>() ?? throw new JsonException("A webhook event has an orgId."),
            root["data"]?.AsObject().DeepClone().AsObject() ?? []);
    }
}
