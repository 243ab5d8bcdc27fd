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

    /// <summary>Every <c>const string</c> in functions/Hosting/FunctionCatalog.cs, by constant name.</summary>
    public static IReadOnlyDictionary<string, string> CatalogConstants() =>
        ConstStrings(RepoRoot.ReadText("functions", "Hosting", "FunctionCatalog.cs"));

    /// <summary>The functions of functions/Hosting/FunctionCatalog.cs, each with the settings its trigger binds to.</summary>
    public static IReadOnlyList<CatalogFunction> CatalogFunctions()
    {
        var source = RepoRoot.ReadText("functions", "Hosting", "FunctionCatalog.cs");
        var settings = SettingNames();
        return [.. Definition().Matches(source).Select(m =>
        {
            var body = m.Groups["body"].Value;
            string? Setting(string property)
            {
                var reference = Regex.Match(body, $@"\b{property}\s*=\s*(?:SettingNames\.(?<constant>\w+)|""(?<literal>[^""]+)"")");
                if (!reference.Success)
                {
                    return null;
                }

                return reference.Groups["literal"].Success
                    ? reference.Groups["literal"].Value
                    : settings.TryGetValue(reference.Groups["constant"].Value, out var value)
                        ? value
                        : throw new KeyNotFoundException($"SettingNames.{reference.Groups["constant"].Value} is not in SettingNames.cs.");
            }

            var name = Regex.Match(body, @"\bName\s*=\s*""(?<name>[^""]+)""");
            var trigger = Regex.Match(body, @"\bTrigger\s*=\s*TriggerKind\.(?<kind>\w+)");
            return new CatalogFunction(
                name.Success ? name.Groups["name"].Value : throw new FormatException($"A catalog entry has no Name: {body}"),
                trigger.Success ? trigger.Groups["kind"].Value : throw new FormatException($"A catalog entry has no Trigger: {body}"),
                Setting("QueueNameSetting"),
                Setting("ScheduleSetting"));
        })];
    }

    private static Dictionary<string, string> ConstStrings(string source) =>
        ConstString().Matches(source).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);

    [GeneratedRegex(@"\bconst\s+string\s+(?<name>\w+)\s*=\s*""(?<value>[^""]*)""\s*;")]
    private static partial Regex ConstString();

    [GeneratedRegex(@"FunctionDefinition\s+\w+\s*=\s*new\s*(?:FunctionDefinition)?\s*\(\s*\)\s*\{(?<body>[^{}]*)\}", RegexOptions.Singleline)]
    private static partial Regex Definition();
}
