using System.Text.RegularExpressions;

namespace UnitPay.Functions.Api;

/// <summary>Slugs: lowercase letters, digits, '-' and '_', 1 to 64 characters, starting with a letter or digit.</summary>
public static partial class Slugs
{
    public static bool IsValid(string? slug) => slug is not null && Pattern().IsMatch(slug);

    public static string From(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slug = NonSlug().Replace(name.Trim().ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 64 ? slug[..64].TrimEnd('-') : slug;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex Pattern();

    [GeneratedRegex("[^a-z0-9_]+")]
    private static partial Regex NonSlug();
}
