using UnitPay.Infra.Tests.Support;

namespace UnitPay.Infra.Tests;

/// <summary>The templates build and lint clean with the pinned Bicep CLI; warnings count as failures.</summary>
[Collection(CompiledTemplateGroup.Name)]
public sealed class TemplateCompilationTests(CompiledTemplate compiled)
{
    public static TheoryData<string> BicepFiles() => [.. BicepFilePaths()];

    private static List<string> BicepFilePaths() =>
        [.. Directory.EnumerateFiles(RepoRoot.File("infra"), "*.bicep*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".bicep", StringComparison.Ordinal) || f.EndsWith(".bicepparam", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepoRoot.Path, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void Main_template_builds_to_ARM_JSON_without_errors_or_warnings()
    {
        Assert.True(compiled.Build.ExitCode == 0, compiled.Build.Transcript);
        Assert.Empty(compiled.Build.Diagnostics);
        Assert.Equal("bicep", compiled.Template["metadata"]?["_generator"]?["name"]?.GetValue<string>());
        Assert.NotEmpty(compiled.Deployment.Resources);
    }

    [Fact]
    public void Parameter_file_builds_against_the_main_template()
    {
        Assert.True(compiled.BuildParameters.ExitCode == 0, compiled.BuildParameters.Transcript);
        Assert.Empty(compiled.BuildParameters.Diagnostics);
        Assert.Equal("usage-events", compiled.ParameterFileValues["usageQueueName"]);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Every_bicep_file_passes_the_linter_with_no_findings(string file)
    {
        var lint = await BicepCli.RunAsync("lint", file);

        Assert.True(lint.ExitCode == 0, lint.Transcript);
        Assert.True(lint.Diagnostics.Count == 0, string.Join('\n', lint.Diagnostics));
    }

    [Fact]
    public void Infra_folder_holds_the_main_template_its_parameters_and_the_four_modules()
    {
        var files = BicepFilePaths();

        Assert.Equal(
            ["infra/main.bicep", "infra/main.bicepparam", "infra/modules/functionapp.bicep", "infra/modules/monitoring.bicep", "infra/modules/roles.bicep", "infra/modules/storage.bicep"],
            files);
    }
}
