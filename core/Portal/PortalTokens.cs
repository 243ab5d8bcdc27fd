using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UnitPay.Core.Portal;

/// <summary>
/// Portal session tokens: <c>base64url(payload).base64url(HMAC-SHA256(key, payload))</c>, the payload naming the
/// organization, the customer, the expiry, the return address and a random nonce. The token is the link's only
/// credential: it carries no API key, and a token for one customer cannot be turned into one for another without
/// the signing key. Verification compares the MAC in constant time and refuses anything expired or malformed.
/// </summary>
public static class PortalTokens
{
    /// <summary>Longest token accepted (a return address is at most 2,000 characters).</summary>
    public const int MaxLength = 4096;

    public static string Sign(PortalSession session, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(key);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(session.OrgId, session.CustomerId, session.ExpiresAt.ToUnixTimeSeconds(), session.ReturnUrl, session.Nonce));
        return Base64Url(payload) + "." + Base64Url(HMACSHA256.HashData(key, payload));
    }

    /// <summary>The session a token grants at <paramref name="now"/>, or null when it is forged, altered, malformed or expired.</summary>
    public static PortalSession? Verify(string? token, byte[] key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot != token.LastIndexOf('.') || !TryFromBase64Url(token[..dot], out var payload) || !TryFromBase64Url(token[(dot + 1)..], out var mac))
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, payload), mac))
        {
            return null;
        }

        Payload? p;
        try
        {
            p = JsonSerializer.Deserialize<Payload>(payload);
        }
        catch (JsonException)
        {
            return null;
        }

        if (p is null || string.IsNullOrEmpty(p.O) || string.IsNullOrEmpty(p.C) || string.IsNullOrEmpty(p.N))
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(p.E);
        return expires <= now ? null : new PortalSession(p.O, p.C, expires, p.R, p.N);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }

    // Short names keep the link short.
    private sealed record Payload(
        [property: JsonPropertyName("o")] string O,
        [property: JsonPropertyName("c")] string C,
        [property: JsonPropertyName("e")] long E,
        [property: JsonPropertyName("r")] string? R,
        [property: JsonPropertyName("n")] string N);
}
