using System.Text.Json;

namespace UnitPay.Core.Webhooks;

/// <summary>
/// One queued delivery: one event for one endpoint. <see cref="Body"/> is the event envelope as text, the exact bytes
/// every attempt sends and signs. A retry is the same message with <see cref="Attempt"/> one higher, queued with a delay.
/// </summary>
public sealed record WebhookDeliveryMessage(string OrgId, string EndpointId, string EventId, string EventType, DateTimeOffset EventAt, string Body, int Attempt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a queued delivery; throws <see cref="JsonException"/> when the text is not one.</summary>
    public static WebhookDeliveryMessage Parse(string text)
    {
        var message = JsonSerializer.Deserialize<WebhookDeliveryMessage>(text, Json) ?? throw new JsonException("A webhook delivery is a JSON object.");
        return message is { OrgId.Length: > 0, EndpointId.Length: > 0, EventId.Length: > 0, EventType.Length: > 0, Body.Length: > 0, Attempt: >= 1 }
            ? message
            : throw new JsonException("A webhook delivery names its organization, endpoint, event, type and body, and an attempt of at least 1.");
    }
}
