using System.Text.RegularExpressions;

namespace UnitPay.Infra.Tests.Support;

/// <summary>
/// Facts the app's C# sources state, read as text: the infra tests do not reference the app's assemblies, so a
/// table or setting added in code but not in the template fails here.
/// </summary>
public static partial class SourceFacts
{
    /// <summary>The values of every <c>const string</c> in core/Storage/TableNames.cs.</summary>
    public static IReadOnlyList<string> TableNames() =>
        [.. ConstStrings(RepoRoot.ReadText("core", "Storage", "TableNames.cs")).Values];

    /// <summary>Every <c>const string</c> in functions/Configuration/SettingNames.cs, by constant name.</summary>
    public static IReadOnlyDictionary<string, string> SettingNames() =>
        ConstStrings(RepoRoot.ReadText("functions", "Configuration", "SettingNames.cs"));

    /// <summary>
    /// The functions declared in functions/Functions/*.cs: each <c>[Function("Name")]</c> method with its trigger
    /// attribute, and the settings a queue or timer trigger binds to (<c>"%" + SettingNames.X + "%"</c>).
    /// </summary>
    public static IReadOnlyList<CatalogFunction> CatalogFunctions()
    {
        var settings = SettingNames();
        var found = new List<CatalogFunction>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot.Path, "functions", "Functions"), "*.cs"))
        {
            foreach (Match m in Declaration().Matches(File.ReadAllText(file)))
            {
                string? Setting() => m.Groups["setting"].Success
                    ? settings.TryGetValue(m.Groups["setting"].Value, out var value) ? value : throw new KeyNotFoundException($"SettingNames.{m.Groups["setting"].Value} is not in SettingNames.cs.")
                    : null;
                var connection = m.Groups["connection"].Success
                    ? settings.TryGetValue(m.Groups["connection"].Value, out var c) ? c : throw new KeyNotFoundException($"SettingNames.{m.Groups["connection"].Value} is not in SettingNames.cs.")
                    : null;
                var trigger = m.Groups["trigger"].Value;
                found.Add(new CatalogFunction(
                    m.Groups["name"].Value,
                    trigger,
                    trigger == "Queue" ? Setting() : null,
                    trigger == "Timer" ? Setting() : null,
                    connection));
            }
        }

        return found;
    }

    private static Dictionary<string, string> ConstStrings(string source) =>
        ConstString().Matches(source).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);

    [GeneratedRegex(@"\bconst\s+string\s+(?<name>\w+)\s*=\s*""(?<value>[^""]*)""\s*;")]
    private static partial Regex ConstString();

    [GeneratedRegex(@"\[Function\(""(?<name>[^""]+)""\)\][^\[]*?\[(?<trigger>Http|Queue|Timer)Trigger\((?:""%""\s*\+\s*SettingNames\.(?<setting>\w+)\s*\+\s*""%"")?(?:[^)\]]*?Connection\s*=\s*SettingNames\.(?<connection>\w+))?[^)\]]*\)", RegexOptions.Singleline)]
    private static partial Regex Declaration();
}
