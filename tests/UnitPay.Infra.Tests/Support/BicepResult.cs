using System.Text.RegularExpressions;

namespace UnitPay.Infra.Tests.Support;

/// <summary>What one run of the Bicep CLI printed, with its diagnostics parsed.</summary>
public sealed partial record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    public IReadOnlyList<BicepDiagnostic> Diagnostics { get; } = Parse(StandardOutput + "\n" + StandardError);

    /// <summary>Everything it printed, for assertion messages.</summary>
    public string Transcript => $"exit {ExitCode}\n{StandardError}\n{StandardOutput}";

    private static List<BicepDiagnostic> Parse(string text) =>
        [.. DiagnosticLine().Matches(text).Select(m => new BicepDiagnostic(
            m.Groups["file"].Value, m.Groups["level"].Value, m.Groups["code"].Value, m.Groups["message"].Value.Trim()))];

    [GeneratedRegex(@"^(?<file>.+?)\(\d+,\d+\) : (?<level>Error|Warning|Info) (?<code>[A-Za-z0-9-]+): (?<message>.*)$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();
}
