using UnitPay.Infra.Tests.Support;

namespace UnitPay.Infra.Tests;

/// <summary>infra/bicepconfig.json really turns the important linter rules into errors.</summary>
public sealed class LinterConfigurationTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("unitpay-bicep-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Fact]
    public async Task Insecure_template_fails_the_lint_with_errors_from_the_configured_rules()
    {
        // The repository's config beside a template that breaks one rule per line.
        File.Copy(RepoRoot.File("infra", "bicepconfig.json"), Path.Combine(_scratch.FullName, "bicepconfig.json"));
        var template = Path.Combine(_scratch.FullName, "bad.bicep");
        await File.WriteAllTextAsync(template, """
            param unusedParam string = 'x'
            param adminPassword string
            var unusedVar = 'y'
            var storageHost = 'https://example.blob.core.windows.net'
            resource account 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
              name: 'stexample'
            }
            output keys string = account.listKeys().keys[0].value
            output joined string = concat(storageHost, adminPassword)
            output simple string = '${storageHost}'
            """);

        var lint = await BicepCli.RunAsync("lint", template);

        Assert.NotEqual(0, lint.ExitCode);
        var errors = lint.Diagnostics.Where(d => d.Level == "Error").Select(d => d.Code).ToHashSet();
        Assert.Superset(
            new HashSet<string>
            {
                "no-unused-params",
                "no-unused-vars",
                "no-hardcoded-env-urls",
                "secure-secrets-in-params",
                "outputs-should-not-contain-secrets",
                "prefer-interpolation",
                "simplify-interpolation",
            },
            errors);
    }
}
