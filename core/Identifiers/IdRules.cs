using System.Buffers;
using System.Globalization;
using UnitPay.Core.Results;

namespace UnitPay.Core.Identifiers;

/// <summary>
/// The one definition of what an identifier may hold, for every id that reaches a storage key. Three kinds:
/// <list type="bullet">
/// <item><b>Prefixed ids</b> (<c>cus_</c>, <c>ccur_</c>, <c>grant_</c>, ... see <see cref="IdPrefixes"/>): made by this
/// engine, so their shape is exact: the prefix, <c>_</c>, then 26 or 52 characters of lowercase Crockford base32
/// (26 for <see cref="Ids.New"/> and <see cref="Ids.Derived"/>, 52 for ids scoped to a wallet). Ledger entry ids are
/// <c>led_</c>, 26 of base32, <c>_</c> and the entry's sequence. A well-formed id that is not found is a 404; anything
/// else is a 400 naming the field.</item>
/// <item><b>Slugs</b> (feature and currency slugs): 1 to <see cref="MaxSlugLength"/> lowercase ASCII letters, digits,
/// <c>-</c> and <c>_</c>, starting with a letter or digit.</item>
/// <item><b>External ids</b> (the caller's own id of a customer): as permissive as callers' ids are (emails,
/// <c>user:123</c>, URLs, any script): 1 to <see cref="MaxExternalIdLength"/> UTF-16 code units, not blank, no
/// control characters (U+0000-U+001F, U+007F-U+009F), no unpaired surrogates, and not itself a well-formed
/// <c>cus_</c> id (a customer reference would be ambiguous). Characters that table keys forbid (<c>/ \ # ?</c>) are
/// allowed: the customer store keys such an id by its hash (<see cref="Customers.CustomerStore.ExternalIdRowKey"/>).</item>
/// </list>
/// Event ids that a producer sets itself (queue messages) are <b>client keys</b>: 1 to
/// <see cref="MaxClientKeyLength"/> characters, none of them a control character or one that keys forbid, since they
/// are stored in a key as they are.
/// </summary>
public static class IdRules
{
    /// <summary>Longest external id, in UTF-16 code units.</summary>
    public const int MaxExternalIdLength = 200;

    /// <summary>Longest slug.</summary>
    public const int MaxSlugLength = 64;

    /// <summary>Longest caller-chosen event id.</summary>
    public const int MaxClientKeyLength = 200;

    /// <summary>Length of the unique part of an id from <see cref="Ids.New"/> or <see cref="Ids.Derived"/>.</summary>
    public const int UniqueLength = 26;

    /// <summary>Length of the unique part of an id scoped to a wallet (the wallet's 26 and 26 of its own).</summary>
    public const int ScopedUniqueLength = 52;

    private const string Base32 = "0123456789abcdefghjkmnpqrstvwxyz";
    private static readonly SearchValues<char> Base32Values = SearchValues.Create(Base32);
    private static readonly SearchValues<char> SlugValues = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>True when <paramref name="id"/> has the exact shape of an id with this prefix (no lookup).</summary>
    public static bool IsWellFormed(string? id, string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (id is null || id.Length <= prefix.Length + 1 || !id.StartsWith(prefix, StringComparison.Ordinal) || id[prefix.Length] != '_')
        {
            return false;
        }

        var unique = id.AsSpan(prefix.Length + 1);
        if (prefix == IdPrefixes.LedgerEntry)
        {
            // led_{wallet's 26}_{sequence}
            return unique.Length > UniqueLength + 1 && unique.Length <= UniqueLength + 1 + 19
                && unique[..UniqueLength].IndexOfAnyExcept(Base32Values) < 0
                && unique[UniqueLength] == '_'
                && long.TryParse(unique[(UniqueLength + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                && sequence > 0;
        }

        return unique.Length is UniqueLength or ScopedUniqueLength && unique.IndexOfAnyExcept(Base32Values) < 0;
    }

    /// <summary>Checks a required prefixed id; null when well formed, else 400 VALIDATION_FAILED naming <paramref name="field"/>.</summary>
    public static Failure? ValidateId(string field, string? value, string prefix) =>
        IdProblem(field, value, prefix) is { } problem ? Failure.Validation(field, problem) : null;

    /// <summary>What is wrong with a required prefixed id, or null.</summary>
    public static string? IdProblem(string field, string? value, string prefix)
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"{field} is required.";
        }

        return IsWellFormed(value, prefix) ? null : $"{field} must be a {prefix}_ id as this API returns it.";
    }

    /// <summary>True for a valid slug.</summary>
    public static bool IsValidSlug(string? value) =>
        value is { Length: > 0 and <= MaxSlugLength } && value.AsSpan().IndexOfAnyExcept(SlugValues) < 0 && value[0] is not ('-' or '_');

    /// <summary>Checks a required slug; null when valid, else 400 VALIDATION_FAILED naming <paramref name="field"/>.</summary>
    public static Failure? ValidateSlug(string field, string? value) =>
        SlugProblem(field, value) is { } problem ? Failure.Validation(field, problem) : null;

    /// <summary>What is wrong with a required slug, or null.</summary>
    public static string? SlugProblem(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"{field} is required.";
        }

        return IsValidSlug(value) ? null : $"{field} must be 1 to {MaxSlugLength} lowercase letters, digits, '-' or '_', starting with a letter or digit.";
    }

    /// <summary>True for a valid external id.</summary>
    public static bool IsValidExternalId(string? value) => ExternalIdProblem("externalId", value) is null;

    /// <summary>Checks a required external id; null when valid, else 400 VALIDATION_FAILED naming <paramref name="field"/>.</summary>
    public static Failure? ValidateExternalId(string field, string? value) =>
        ExternalIdProblem(field, value) is { } problem ? Failure.Validation(field, problem) : null;

    /// <summary>What is wrong with a required external id, or null.</summary>
    public static string? ExternalIdProblem(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{field} is required and must not be blank.";
        }

        if (value.Length > MaxExternalIdLength)
        {
            return $"{field} must be at most {MaxExternalIdLength} characters.";
        }

        if (!IsPlainText(value))
        {
            return $"{field} must not contain control characters or invalid UTF-16.";
        }

        return IsWellFormed(value, IdPrefixes.Customer) ? $"{field} must not look like a {IdPrefixes.Customer}_ id." : null;
    }

    /// <summary>
    /// Checks a customer reference (a <c>cus_</c> id or the caller's external id); null when it can name a customer,
    /// else 400 VALIDATION_FAILED naming <paramref name="field"/>.
    /// </summary>
    public static Failure? ValidateCustomerRef(string field, string? value) =>
        CustomerRefProblem(field, value) is { } problem ? Failure.Validation(field, problem) : null;

    /// <summary>What is wrong with a customer reference, or null.</summary>
    public static string? CustomerRefProblem(string field, string? value)
    {
        if (IsWellFormed(value, IdPrefixes.Customer))
        {
            return null;
        }

        return ExternalIdProblem(field, value) is null
            ? null
            : $"{field} must be a {IdPrefixes.Customer}_ id or your externalId (1 to {MaxExternalIdLength} characters, no control characters).";
    }

    /// <summary>What is wrong with a caller-chosen event id (stored in a key as it is), or null.</summary>
    public static string? ClientKeyProblem(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"{field} is required.";
        }

        return value.Length <= MaxClientKeyLength && IsPlainText(value) && Storage.TableKeys.IsValid(value)
            ? null
            : $"{field} must be 1 to {MaxClientKeyLength} characters, without '/', '\\', '#', '?' or control characters.";
    }

    /// <summary>No control characters (U+0000-U+001F, U+007F-U+009F) and no unpaired surrogates.</summary>
    private static bool IsPlainText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }
}
