using System.Buffers;

namespace UnitPay.Core.Storage;

/// <summary>
/// What Azure Table Storage accepts as a PartitionKey or RowKey: no <c>/ \ # ?</c>, no control characters
/// (U+0000-U+001F, U+007F-U+009F), at most 1 KiB, which is <see cref="MaxLength"/> UTF-16 code units (measured on
/// Azurite: 512 pass, 513 fail). Stores check keys built from caller input with <see cref="IsValid"/> before any
/// request: a read of a key storage would refuse finds nothing (it cannot exist), instead of a storage error.
/// </summary>
public static class TableKeys
{
    public const int MaxLength = 512;

    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        "/\\#?" + new string([.. Enumerable.Range(0, 0x20).Select(c => (char)c)]) + new string([.. Enumerable.Range(0x7F, 0x21).Select(c => (char)c)]));

    /// <summary>True when storage accepts <paramref name="key"/> as a PartitionKey or RowKey.</summary>
    public static bool IsValid(string? key) => key is not null && key.Length <= MaxLength && key.AsSpan().IndexOfAny(Forbidden) < 0;

    /// <summary>True when storage accepts both keys.</summary>
    public static bool AreValid(string? partitionKey, string? rowKey) => IsValid(partitionKey) && IsValid(rowKey);

    /// <summary>Throws when a key built for a write is one storage refuses: the caller skipped validation (a bug, not a caller's fault).</summary>
    public static void EnsureValid(string partitionKey, string rowKey)
    {
        if (!AreValid(partitionKey, rowKey))
        {
            throw new ArgumentException("A table key holds a character storage forbids or is longer than " + MaxLength + " characters; validate the id at the edge (IdRules).");
        }
    }
}
