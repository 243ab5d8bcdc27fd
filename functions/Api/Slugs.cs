using System.Text.RegularExpressions;
using UnitPay.Core.Identifiers;

namespace UnitPay.Functions.Api;

/// <summary>Slugs (the rule is <see cref="IdRules.IsValidSlug"/>), and a slug made from a name.</summary>
public static partial class Slugs
{
    public static bool IsValid(string? slug) => IdRules.IsValidSlug(slug);

    public static string From(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slug = NonSlug().Replace(name.Trim().ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 64 ? slug[..64].TrimEnd('-') : slug;
    }

    [GeneratedRegex("[^a-z0-9_]+")]
    private static partial Regex NonSlug();
}
