using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Usage;

/// <summary>The queue message format and the rules that give every event a stable id.</summary>
public static class UsageCodec
{
    /// <summary>Raw JSON budget of one message: base64 makes it 4/3 larger, and the queue's limit is 64 KiB.</summary>
    public const int MaxMessageJsonBytes = 46_000;

    /// <summary>
    /// The id of an event: the one it carries; else one derived from its idempotency key and customer, so the same
    /// key always names the same event; else one derived from the message's content and the event's place in it, so
    /// a redelivered message names its events as before.
    /// </summary>
    public static string EventIdOf(string orgId, string customerId, UsageEvent e, string messageHash, int index)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!string.IsNullOrEmpty(e.EventId))
        {
            return e.EventId;
        }

        return e.IdempotencyKey is { } key
            ? IdForKey(orgId, customerId, key)
            : Ids.Derived("evt", orgId, "msg", messageHash, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public static string IdForKey(string orgId, string customerId, string idempotencyKey) =>
        Ids.Derived("evt", orgId, customerId, idempotencyKey);

    public static string HashOf(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static UsageMessage Parse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<UsageMessage>(text, JsonRows.Options)
                ?? throw new UnprocessableMessageException("The message is JSON null.");
        }
        catch (JsonException e)
        {
            throw new UnprocessableMessageException("The message is not a usage message: " + e.Message, e);
        }
    }

    /// <summary>Packs events into as few messages as fit the queue's size limit.</summary>
    public static IReadOnlyList<string> Pack(string orgId, IReadOnlyList<UsageEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var messages = new List<string>();
        var current = new List<UsageEvent>();
        var size = 0;
        foreach (var e in events)
        {
            var eventSize = JsonSerializer.SerializeToUtf8Bytes(e, JsonRows.Options).Length + 1;
            if (current.Count > 0 && size + eventSize > MaxMessageJsonBytes)
            {
                messages.Add(Serialize(orgId, current));
                current = [];
                size = 0;
            }

            current.Add(e);
            size += eventSize;
        }

        if (current.Count > 0)
        {
            messages.Add(Serialize(orgId, current));
        }

        return messages;
    }

    private static string Serialize(string orgId, List<UsageEvent> events) =>
        JsonSerializer.Serialize(new UsageMessage { OrgId = orgId, Events = events }, JsonRows.Options);
}
