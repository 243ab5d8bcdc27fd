using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace UnitPay.Core.Webhooks;

/// <summary>
/// Signs deliveries: header <c>UnitPay-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;body&gt;"&gt;</c>,
/// keyed with the endpoint's secret (the whole <c>whsec_…</c> string, as UTF-8). Signing the timestamp with the body
/// lets a receiver refuse old replays; every attempt is signed when it is sent.
/// </summary>
public static class WebhookSigner
{
    public const string Header = "UnitPay-Signature";
    public const string EventIdHeader = "UnitPay-Event-Id";
    public const string EventTypeHeader = "UnitPay-Event-Type";

    public static string Sign(string body, string secret, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(secret);
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Hex(secret, t, body)}";
    }

    /// <summary>
    /// What a receiver does: the header's <c>v1</c> must be the HMAC of <c>t.body</c>, compared in constant time, and
    /// <c>t</c> within <paramref name="tolerance"/> of <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string body, string? header, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(secret);
        if (header is null)
        {
            return false;
        }

        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1)
            || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hex(secret, t, body)), Encoding.ASCII.GetBytes(v1));
    }

    private static string Hex(string secret, string t, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body)));
}
