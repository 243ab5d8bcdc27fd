using UnitPay.Infra.Tests.Arm;
using UnitPay.Infra.Tests.Support;

namespace UnitPay.Infra.Tests;

/// <summary>The Flex Consumption app runs the isolated worker, reaches storage by identity and holds no secret.</summary>
[Collection(CompiledTemplateGroup.Name)]
public sealed class FunctionAppTemplateTests(CompiledTemplate compiled)
{
    private const string SiteType = "Microsoft.Web/sites";
    private const string PlanType = "Microsoft.Web/serverfarms";
    private const string RoleAssignmentType = "Microsoft.Authorization/roleAssignments";

    private ArmResource Site => compiled.Deployment.One(SiteType);

    /// <summary>The app settings a deployment sets on the function app, by name.</summary>
    public static IReadOnlyDictionary<string, object?> AppSettings(ArmDeployment deployment)
    {
        var settings = (IReadOnlyList<object?>)deployment.One(SiteType).Get("properties", "siteConfig", "appSettings")!;
        return settings.Cast<IReadOnlyDictionary<string, object?>>()
            .ToDictionary(s => (string)s["name"]!, s => s["value"], StringComparer.Ordinal);
    }

    [Fact]
    public void Plan_is_Flex_Consumption_on_Linux()
    {
        var plan = compiled.Deployment.One(PlanType);

        Assert.Equal("FC1", plan.Get("sku", "name"));
        Assert.Equal("FlexConsumption", plan.Get("sku", "tier"));
        Assert.Equal(true, plan.Get("properties", "reserved"));
        Assert.Equal($"resourceId('Microsoft.Web/serverfarms', '{plan.Name}')", Expression(Site.Get("properties", "serverFarmId")));
    }

    [Fact]
    public void Function_app_is_a_Linux_function_app_with_a_system_assigned_identity()
    {
        Assert.Equal("functionapp,linux", Site.Get("kind"));
        Assert.Equal("SystemAssigned", Site.Get("identity", "type"));
        Assert.Equal(true, Site.Get("properties", "httpsOnly"));
    }

    [Fact]
    public void Function_app_runs_the_dotnet_isolated_runtime_on_the_dotnet_version_the_app_targets()
    {
        Assert.Equal("dotnet-isolated", Site.Get("properties", "functionAppConfig", "runtime", "name"));
        Assert.Equal("10.0", Site.Get("properties", "functionAppConfig", "runtime", "version"));
        var targetFramework = System.Text.RegularExpressions.Regex.Match(RepoRoot.ReadText("Directory.Build.props"), @"<TargetFramework>net(?<version>[0-9.]+)</TargetFramework>");
        Assert.Equal("10.0", targetFramework.Groups["version"].Value);
    }

    [Fact]
    public void Instance_memory_and_maximum_instances_come_from_the_parameters()
    {
        var deployment = compiled.DeployWith(new Dictionary<string, object?>
        {
            ["instanceMemoryMB"] = 4096L,
            ["maximumInstanceCount"] = 7L,
            ["runtimeVersion"] = "9.0",
        });
        var site = deployment.One(SiteType);

        Assert.Equal(4096L, site.Get("properties", "functionAppConfig", "scaleAndConcurrency", "instanceMemoryMB"));
        Assert.Equal(7L, site.Get("properties", "functionAppConfig", "scaleAndConcurrency", "maximumInstanceCount"));
        Assert.Equal("9.0", site.Get("properties", "functionAppConfig", "runtime", "version"));
    }

    [Fact]
    public void App_deploys_from_the_deployment_container_with_its_system_identity()
    {
        var storage = Site.Get("properties", "functionAppConfig", "deployment", "storage");

        Assert.Equal("blobContainer", ArmValues.Get(storage, "type"));
        Assert.Equal("SystemAssignedIdentity", ArmValues.Get(storage, "authentication", "type"));
        var container = compiled.Deployment.One("Microsoft.Storage/storageAccounts/blobServices/containers");
        var url = ArmValues.Text(ArmValues.Get(storage, "value"));
        Assert.EndsWith(container.LeafName, url, StringComparison.Ordinal);
    }

    [Fact]
    public void App_settings_reach_storage_by_identity()
    {
        var settings = AppSettings(compiled.Deployment);

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            // The account's own endpoints, read at deployment: no cloud-specific host name in the template.
            var endpoint = Assert.IsType<ArmUnknown>(settings[$"AzureWebJobsStorage__{service}ServiceUri"]);
            Assert.EndsWith($".primaryEndpoints.{service}", endpoint.Expression, StringComparison.Ordinal);
        }

        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "A plain AzureWebJobsStorage setting would be a connection string.");
        Assert.False(settings.ContainsKey("DEPLOYMENT_STORAGE_CONNECTION_STRING"));
    }

    [Fact]
    public void App_settings_carry_the_app_defaults()
    {
        var settings = AppSettings(compiled.DefaultDeployment);

        Assert.Equal("usage-events", settings["UNITPAY_USAGE_QUEUE"]);
        Assert.Equal(string.Empty, settings["UNITPAY_TABLE_PREFIX"]);
        Assert.Equal("0 */5 * * * *", settings["UNITPAY_EXPIRE_GRANTS_SCHEDULE"]);
        Assert.Equal("0 * * * * *", settings["UNITPAY_GRANT_CYCLES_SCHEDULE"]);
        Assert.Equal("0 */5 * * * *", settings["UNITPAY_TOPUP_SWEEPER_SCHEDULE"]);
    }

    [Fact]
    public void Application_Insights_connection_string_is_read_from_the_component()
    {
        var connection = Assert.IsType<ArmUnknown>(AppSettings(compiled.Deployment)["APPLICATIONINSIGHTS_CONNECTION_STRING"]);

        Assert.Contains("Microsoft.Insights/components", connection.Expression, StringComparison.Ordinal);
        Assert.EndsWith(".ConnectionString", connection.Expression, StringComparison.Ordinal);
        var component = compiled.Deployment.One("Microsoft.Insights/components");
        Assert.Contains("Microsoft.OperationalInsights/workspaces", ((ArmUnknown)component.Get("properties", "WorkspaceResourceId")!).Expression, StringComparison.Ordinal);
    }

    [Fact]
    public void App_sets_none_of_the_settings_Flex_Consumption_rejects()
    {
        var settings = AppSettings(compiled.Deployment);

        Assert.DoesNotContain(
            settings.Keys,
            name => name is "FUNCTIONS_WORKER_RUNTIME" or "FUNCTIONS_EXTENSION_VERSION" or "WEBSITE_RUN_FROM_PACKAGE"
                or "WEBSITE_CONTENTSHARE" or "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING" or "WEBSITE_NODE_DEFAULT_VERSION");
    }

    [Fact]
    public void Template_holds_no_storage_key_or_secret_connection_string()
    {
        foreach (var forbidden in new[] { "listKeys", "listAccountSas", "listServiceSas", "AccountKey=", "SharedAccessSignature=" })
        {
            Assert.DoesNotContain(forbidden, compiled.Json, StringComparison.OrdinalIgnoreCase);
        }

        Assert.All(AppSettings(compiled.Deployment), setting =>
        {
            var text = setting.Value is ArmUnknown unknown ? unknown.Expression : ArmValues.Text(setting.Value);
            Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Theory]
    [InlineData("stripeSecretKeySecretUri", "UNITPAY_STRIPE_SECRET_KEY")]
    [InlineData("stripeWebhookSecretSecretUri", "UNITPAY_STRIPE_WEBHOOK_SECRET")]
    [InlineData("webhookSecretKeySecretUri", "UNITPAY_WEBHOOK_SECRET_KEY")]
    [InlineData("portalSigningKeySecretUri", "UNITPAY_PORTAL_SIGNING_KEY")]
    public void Secrets_reach_the_app_only_as_Key_Vault_references(string parameter, string setting)
    {
        const string Uri = "https://vault-x.vault.azure.net/secrets/the-secret";

        var withVault = AppSettings(compiled.DeployWith(new Dictionary<string, object?> { [parameter] = Uri }));
        var without = AppSettings(compiled.Deployment);

        Assert.Equal($"@Microsoft.KeyVault(SecretUri={Uri})", ArmValues.Text(withVault[setting]));
        Assert.Equal(string.Empty, ArmValues.Text(without[setting]));
    }

    [Theory]
    [InlineData("Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")]
    [InlineData("Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88")]
    [InlineData("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b")]
    public void App_identity_holds_the_storage_role(string roleName, string roleId)
    {
        var definition = $"subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{roleId}')";
        var assignment = Assert.Single(
            compiled.Deployment.OfType(RoleAssignmentType),
            r => Expression(r.Get("properties", "roleDefinitionId")) == definition);
        var account = $"resourceId('Microsoft.Storage/storageAccounts', '{compiled.Deployment.One("Microsoft.Storage/storageAccounts").Name}')";
        var site = $"resourceId('Microsoft.Web/sites', '{Site.Name}')";

        // Granted to the function app's own identity, on the app's storage account.
        Assert.Equal("ServicePrincipal", assignment.Get("properties", "principalType"));
        Assert.Equal($"reference({site}, '2025-03-01', 'full').identity.principalId", Expression(assignment.Get("properties", "principalId")));
        Assert.Equal(account, Expression(assignment.Get("scope")));

        // guid() of inputs fixed before deployment: a redeploy finds the same assignment instead of failing on a duplicate.
        Assert.Equal($"guid({account}, {site}, '{roleId}')", Expression(assignment.EvaluatedName));

        // The Bicep source names the role beside its id, so a reader need not look the GUID up.
        Assert.Contains($"// {roleName}", RepoRoot.ReadText("infra", "modules", "roles.bicep"), StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_are_the_function_app_name_and_its_HTTPS_base_URL()
    {
        var outputs = compiled.Template["outputs"]!.AsObject();

        Assert.Contains("outputs.name.value", outputs["functionAppName"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        var url = compiled.Deployment.Scope.EvaluateString(outputs["functionAppUrl"]!["value"]!.GetValue<string>());
        Assert.Equal($"https://{ArmUnknown.Marker}", url);
        Assert.Contains("outputs.defaultHostName.value", outputs["functionAppUrl"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(outputs, o => o.Key.Contains("connection", StringComparison.OrdinalIgnoreCase));
    }

    private static string Expression(object? value) => value is ArmUnknown unknown ? unknown.Expression : ArmValues.Text(value);
}
