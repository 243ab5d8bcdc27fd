using System.Security.Cryptography;
using System.Text;

namespace UnitPay.Core.Organizations;

/// <summary>Secret keys (<c>upay_sk_…</c>): generated with a CSPRNG, stored only as a SHA-256 hash.</summary>
public static class ApiKeys
{
    public const string Prefix = "upay_sk_";

    private static readonly System.Buffers.SearchValues<char> KeyCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");

    public static string Generate()
    {
        Span<byte> bytes = stackalloc byte[24];
        RandomNumberGenerator.Fill(bytes);
        return Prefix + Convert.ToHexStringLower(bytes);
    }

    /// <summary>True when <paramref name="key"/> has the shape of a secret key (the prefix and 16 to 128 URL-safe characters).</summary>
    public static bool IsWellFormed(string? key) =>
        key is not null && key.StartsWith(Prefix, StringComparison.Ordinal) && key.Length is >= 24 and <= 136
        && key.AsSpan(Prefix.Length).IndexOfAnyExcept(KeyCharacters) < 0;

    /// <summary>The stored form of a key: SHA-256, hex. Keys are high-entropy, so a plain hash is enough (no key stretching).</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
