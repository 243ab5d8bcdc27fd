using System.Text.Json;
using System.Text.Json.Serialization;

namespace UnitPay.Contracts.Usage;

/// <summary>
/// The usage queue's message format, written once for the worker that reads it and the producers that write it:
/// UTF-8 JSON, camelCase, nulls left out, at most <see cref="MaxMessageJsonBytes"/> of JSON per message. The queue
/// itself carries the text base64-encoded (<c>host.json</c>: <c>extensions.queues.messageEncoding</c>).
/// </summary>
public static class UsageMessageFormat
{
    /// <summary>Raw JSON budget of one message: base64 makes it 4/3 larger, and the queue's limit is 64 KiB (65,536 bytes).</summary>
    public const int MaxMessageJsonBytes = 46_000;

    /// <summary>The queue's limit on one message as stored (after base64), in bytes.</summary>
    public const int MaxQueueMessageBytes = 64 * 1024;

    /// <summary>The JSON options of the message: web defaults (camelCase, case-insensitive reads), nulls not written.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The JSON text of one message.</summary>
    public static string Serialize(UsageMessage message) => JsonSerializer.Serialize(message, JsonOptions);

    /// <summary>Reads one message; throws <see cref="JsonException"/> when the text is not JSON of this shape, and returns null for JSON <c>null</c>.</summary>
    public static UsageMessage? Deserialize(string text) => JsonSerializer.Deserialize<UsageMessage>(text, JsonOptions);

    /// <summary>
    /// Packs events, in order, into as few messages as fit <see cref="MaxMessageJsonBytes"/> each. An event too large
    /// for a message on its own still gets one (the queue refuses it, which the sender reports).
    /// </summary>
    public static IReadOnlyList<string> Pack(string orgId, IReadOnlyList<UsageEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var messages = new List<string>();
        var current = new List<UsageEvent>();
        var size = 0;
        foreach (var e in events)
        {
            var eventSize = JsonSerializer.SerializeToUtf8Bytes(e, JsonOptions).Length + 1;
            if (current.Count > 0 && size + eventSize > MaxMessageJsonBytes)
            {
                messages.Add(Serialize(new UsageMessage { OrgId = orgId, Events = current }));
                current = [];
                size = 0;
            }

            current.Add(e);
            size += eventSize;
        }

        if (current.Count > 0)
        {
            messages.Add(Serialize(new UsageMessage { OrgId = orgId, Events = current }));
        }

        return messages;
    }
}
