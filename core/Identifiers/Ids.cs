using System.Security.Cryptography;
using System.Text;

namespace UnitPay.Core.Identifiers;

/// <summary>
/// Prefixed identifiers (<c>cus_…</c>, <c>grant_…</c>). New ids sort by creation time (a ULID-like layout:
/// 48 bits of milliseconds, 80 random bits, Crockford base32). Derived ids are a hash of their parts, so the same
/// parts always give the same id: that is how "created once, never twice" is enforced by the store.
/// </summary>
public static class Ids
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string New(string prefix, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Span<byte> bytes = stackalloc byte[16];
        var ms = clock.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)(ms & 0xFF);
            ms >>= 8;
        }

        RandomNumberGenerator.Fill(bytes[6..]);
        return prefix + "_" + Encode(bytes);
    }

    public static string Derived(string prefix, params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var joined = string.Join('\u001f', parts);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(joined), hash);
        return prefix + "_" + Encode(hash[..16]);
    }

    /// <summary>
    /// A derived id that still sorts by time: the 48 bits of milliseconds of <paramref name="at"/>, then 80 bits of the
    /// hash of <paramref name="parts"/>. The same parts and instant always give the same id (an insert of it happens once),
    /// and stores that read the creation time from an id (the attempt log) can keep it.
    /// </summary>
    public static string DerivedAt(string prefix, DateTimeOffset at, params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        Span<byte> bytes = stackalloc byte[16];
        var ms = at.ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)(ms & 0xFF);
            ms >>= 8;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)), hash);
        hash[..10].CopyTo(bytes[6..]);
        return prefix + "_" + Encode(bytes);
    }

    /// <summary>True when <paramref name="id"/> is a well-formed id with this prefix (cheap syntactic check, no lookup; see <see cref="IdRules"/>).</summary>
    public static bool HasPrefix(string? id, string prefix) => IdRules.IsWellFormed(id, prefix);

    private static string Encode(ReadOnlySpan<byte> bytes)
    {
        // 128 bits -> 26 base32 characters.
        var sb = new StringBuilder(26);
        var buffer = 0;
        var bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            sb.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return sb.ToString();
    }
}
