using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace UnitPay.Client.Webhooks;

/// <summary>
/// Checks a delivery from UnitPay: header <c>UnitPay-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>
/// keyed with the endpoint's <c>whsec_…</c> secret. Pass the raw body, exactly as received.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header each delivery carries its signature in.</summary>
    public const string Header = "UnitPay-Signature";

    /// <summary>True when <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/>, at most <paramref name="tolerance"/> (default 5 minutes) from now.</summary>
    public static bool Verify(string body, string? header, string secret, TimeSpan? tolerance = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(secret);
        var parts = (header ?? string.Empty).Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.Ordinal);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var now = (clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body)));
        return Math.Abs(now - seconds) <= (tolerance ?? TimeSpan.FromMinutes(5)).TotalSeconds
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(v1));
    }
}
