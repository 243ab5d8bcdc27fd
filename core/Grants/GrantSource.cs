namespace UnitPay.Core.Grants;

/// <summary>Where a grant's credits came from. Each source has a default priority (lower is spent first).</summary>
public enum GrantSource
{
    Drip,
    Rollover,
    Plan,
    Promotional,
    Package,
    Topup,
    Manual,
}

/// <summary>Wire names and default priorities of <see cref="GrantSource"/>.</summary>
public static class GrantSources
{
    public static int DefaultPriority(GrantSource source) => source switch
    {
        GrantSource.Drip => 0,
        GrantSource.Rollover => 5,
        GrantSource.Plan => 10,
        GrantSource.Promotional => 30,
        GrantSource.Package => 50,
        GrantSource.Topup => 50,
        GrantSource.Manual => 50,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    public static string ToWire(GrantSource source) => source.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out GrantSource source)
    {
        source = default;
        return value is not null
            && value.All(char.IsAsciiLetterLower)
            && Enum.TryParse(value, ignoreCase: true, out source)
            && Enum.IsDefined(source);
    }
}
