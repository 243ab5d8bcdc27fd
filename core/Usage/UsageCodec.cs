using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using UnitPay.Contracts.Usage;
using UnitPay.Core.Identifiers;

namespace UnitPay.Core.Usage;

/// <summary>
/// The worker's side of the queue message format (defined once, in <see cref="UsageMessageFormat"/>, which producers
/// share) and the rules that give every event a stable id.
/// </summary>
public static class UsageCodec
{
    /// <inheritdoc cref="UsageMessageFormat.MaxMessageJsonBytes"/>
    public const int MaxMessageJsonBytes = UsageMessageFormat.MaxMessageJsonBytes;

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
            return UsageMessageFormat.Deserialize(text)
                ?? throw new UnprocessableMessageException("The message is JSON null.");
        }
        catch (JsonException e)
        {
            throw new UnprocessableMessageException("The message is not a usage message: " + e.Message, e);
        }
    }

    /// <inheritdoc cref="UsageMessageFormat.Pack"/>
    public static IReadOnlyList<string> Pack(string orgId, IReadOnlyList<UsageEvent> events) => UsageMessageFormat.Pack(orgId, events);
}
