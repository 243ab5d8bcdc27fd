using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using UnitPay.Infra.Tests.Support;

namespace UnitPay.Infra.Tests;

/// <summary>
/// The template and the deployable package agree: an isolated worker the host starts, and every app setting a trigger
/// binding names with <c>%SETTING%</c>.
/// </summary>
[Collection(CompiledTemplateGroup.Name)]
public sealed class PackagingContractTests(CompiledTemplate compiled)
{
    private static JsonObject HostJson => JsonNode.Parse(RepoRoot.ReadText("host.json"))!.AsObject();

    [Fact]
    public void Host_runs_the_functions_project_as_an_isolated_worker_not_a_custom_handler()
    {
        Assert.Null(HostJson["customHandler"]);
        Assert.Null(HostJson["extensionBundle"]); // an isolated worker ships its extensions (extensions.json), not a bundle

        var project = RepoRoot.ReadText("functions", "UnitPay.Functions.csproj");
        Assert.Matches(@"<AssemblyName>\s*UnitPay\.Functions\s*</AssemblyName>", project);
        Assert.Matches(@"<PackageReference Include=.Microsoft\.Azure\.Functions\.Worker\.Sdk.", project);
        Assert.Matches(@"<AzureFunctionsVersion>\s*v4\s*</AzureFunctionsVersion>", project);
    }

    [Fact]
    public void Host_has_no_route_prefix_so_the_API_keeps_its_own_paths()
    {
        Assert.Equal(string.Empty, HostJson["extensions"]?["http"]?["routePrefix"]?.GetValue<string>());
    }

    [Fact]
    public void Host_reads_queue_messages_as_base64_as_the_deploy_guide_tells_producers()
    {
        Assert.Equal("base64", HostJson["extensions"]?["queues"]?["messageEncoding"]?.GetValue<string>());
        Assert.Contains("base64", RepoRoot.ReadText("infra", "README.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_functions_have_unique_valid_names()
    {
        var functions = SourceFacts.CatalogFunctions();

        Assert.NotEmpty(functions);
        Assert.Equal(functions.Count, functions.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        // The host lists functions by these names (and logs and scales by them).
        Assert.All(functions, f => Assert.Matches(new Regex("^[A-Za-z][A-Za-z0-9_-]{0,127}$"), f.Name));
    }

    [Fact]
    public void Template_sets_every_app_setting_the_catalog_triggers_bind_to()
    {
        var functions = SourceFacts.CatalogFunctions();
        var bound = functions.SelectMany(f => new[] { f.QueueNameSetting, f.ScheduleSetting }).OfType<string>().ToList();

        // The catalog has a queue and a timer function today; if parsing found none this test would prove nothing.
        Assert.Contains(functions, f => f.Trigger == "Queue" && f.QueueNameSetting is not null);
        Assert.Contains(functions, f => f.Trigger == "Timer" && f.ScheduleSetting is not null);
        Assert.Contains("UNITPAY_USAGE_QUEUE", bound);
        Assert.Contains("UNITPAY_EXPIRE_GRANTS_SCHEDULE", bound);
        Assert.Contains("UNITPAY_GRANT_CYCLES_SCHEDULE", bound);
        Assert.Contains("UNITPAY_TOPUP_SWEEPER_SCHEDULE", bound);
        Assert.Contains("UNITPAY_WEBHOOK_QUEUE", bound);
        Assert.Contains("UNITPAY_WEBHOOK_SWEEP_SCHEDULE", bound);

        var settings = FunctionAppTemplateTests.AppSettings(compiled.Deployment);
        Assert.All(bound, setting => Assert.True(settings.ContainsKey(setting), $"The template sets no {setting}."));
    }

    [Fact]
    public void Template_configures_the_storage_connection_the_triggers_bind_to()
    {
        var connection = Assert.Single(SourceFacts.CatalogFunctions().Select(f => f.ConnectionSetting).OfType<string>().Distinct());
        var settings = FunctionAppTemplateTests.AppSettings(compiled.Deployment);

        foreach (var suffix in new[] { "accountName", "credential", "queueServiceUri", "tableServiceUri", "blobServiceUri" })
        {
            Assert.True(settings.ContainsKey($"{connection}__{suffix}"), $"The template sets no {connection}__{suffix}.");
        }
    }

    [Fact]
    public void Template_sets_every_storage_setting_the_app_reads_by_identity()
    {
        var settings = FunctionAppTemplateTests.AppSettings(compiled.Deployment);
        var names = SourceFacts.SettingNames();

        Assert.True(settings.ContainsKey(names["StorageAccountName"]));
        Assert.True(settings.ContainsKey(names["StorageTableServiceUri"]));
        Assert.True(settings.ContainsKey(names["StorageQueueServiceUri"]));
        Assert.True(settings.ContainsKey(names["TablePrefix"]));
        Assert.True(settings.ContainsKey(names["UsageQueue"]));
    }

    [Fact]
    public void Usage_queue_is_usage_events_by_default_in_the_template_and_the_parameter_file()
    {
        var declared = compiled.Template["parameters"]!["usageQueueName"]!["defaultValue"]!.GetValue<string>();

        Assert.Equal("usage-events", declared);
        Assert.Equal("usage-events", compiled.ParameterFileValues["usageQueueName"]);
        Assert.Equal("usage-events", FunctionAppTemplateTests.AppSettings(compiled.DefaultDeployment)["UNITPAY_USAGE_QUEUE"]);
    }
}
