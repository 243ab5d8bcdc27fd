using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace UnitPay.Core.Payments;

/// <summary>
/// Stripe's webhook signature scheme, which the sandbox uses too: the header is <c>t={unix seconds},v1={hex}</c>, where
/// the hex is HMAC-SHA256 with the endpoint's secret over <c>{t}.{raw body}</c>. A signature older (or newer) than the
/// tolerance is refused, so a captured webhook cannot be replayed for long.
/// </summary>
public static class WebhookSignature
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The header value that signs <paramref name="body"/> at <paramref name="at"/>.</summary>
    public static string Sign(string body, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return "t=" + timestamp + ",v1=" + Hex(body, secret, timestamp);
    }

    /// <summary>True when <paramref name="header"/> holds a v1 signature of <paramref name="body"/> with this secret, made within the tolerance of <paramref name="now"/>.</summary>
    public static bool Verify(string body, string? header, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrEmpty(header) || string.IsNullOrEmpty(secret))
        {
            return false;
        }

        string? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(','))
        {
            var cut = part.IndexOf('=', StringComparison.Ordinal);
            if (cut <= 0)
            {
                continue;
            }

            var (key, value) = (part[..cut].Trim(), part[(cut + 1)..].Trim());
            if (key == "t")
            {
                timestamp = value;
            }
            else if (key == "v1")
            {
                signatures.Add(value);
            }
        }

        if (timestamp is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Hex(body, secret, timestamp));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }

    private static string Hex(string body, string secret, string timestamp) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
}
