using UnitPay.Infra.Tests.Arm;
using UnitPay.Infra.Tests.Support;

namespace UnitPay.Infra.Tests;

/// <summary>The storage account is locked to identity access and declares every table and queue the app uses.</summary>
[Collection(CompiledTemplateGroup.Name)]
public sealed class StorageTemplateTests(CompiledTemplate compiled)
{
    private const string AccountType = "Microsoft.Storage/storageAccounts";
    private const string TableType = "Microsoft.Storage/storageAccounts/tableServices/tables";
    private const string QueueType = "Microsoft.Storage/storageAccounts/queueServices/queues";
    private const string ContainerType = "Microsoft.Storage/storageAccounts/blobServices/containers";

    /// <summary>
    /// The engine's tables, written out so that a table dropped from both the code and the template is noticed
    /// in review; the test also reads core/Storage/TableNames.cs, so a table added in code alone fails.
    /// </summary>
    private static readonly string[] ExpectedTables =
    [
        "Orgs", "ApiKeys", "Catalog", "Customers", "Wallets", "CustomerWallets", "Idempotency", "ExpiryIndex", "TimerStatus",
        "UsageRejections", "Subscriptions", "SubscriptionSchedule", "InvoiceLines", "CreditPackages", "TopUpAttempts", "AutoTopUpRules",
        "TopUpSweepIndex", "SandboxPayments", "WebhookEndpoints", "WebhookDeliveries", "WebhookOutboxIndex", "Deployment", "AutoTopUpCrossings",
    ];

    private ArmResource Account => compiled.Deployment.One(AccountType);

    [Fact]
    public void Storage_account_refuses_shared_keys()
    {
        Assert.Equal(false, Account.Get("properties", "allowSharedKeyAccess"));
        Assert.Equal(true, Account.Get("properties", "defaultToOAuthAuthentication"));
    }

    [Fact]
    public void Storage_account_requires_TLS_1_2_and_HTTPS()
    {
        Assert.Equal("TLS1_2", Account.Get("properties", "minimumTlsVersion"));
        Assert.Equal(true, Account.Get("properties", "supportsHttpsTrafficOnly"));
    }

    [Fact]
    public void Storage_account_and_deployment_container_allow_no_public_blob_access()
    {
        Assert.Equal(false, Account.Get("properties", "allowBlobPublicAccess"));
        var container = compiled.Deployment.One(ContainerType);
        Assert.Equal("None", container.Get("properties", "publicAccess"));
    }

    [Fact]
    public void Storage_account_is_the_one_the_function_app_uses()
    {
        var settings = FunctionAppTemplateTests.AppSettings(compiled.Deployment);

        Assert.Equal(Account.Name, settings["AzureWebJobsStorage__accountName"]);
        Assert.StartsWith("st", Account.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_names_in_the_source_are_the_expected_tables()
    {
        // Guards the source parsing below: a regex that silently matched nothing would make that test hollow.
        Assert.Equal(ExpectedTables.Order(StringComparer.Ordinal), SourceFacts.TableNames().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Storage_declares_every_table_the_engine_uses_and_no_other()
    {
        var expected = ExpectedTables.Union(SourceFacts.TableNames()).Order(StringComparer.Ordinal);

        var declared = compiled.Deployment.OfType(TableType).Select(t => t.LeafName).Order(StringComparer.Ordinal);

        Assert.Equal(expected, declared);
        Assert.All(compiled.Deployment.OfType(TableType), t => Assert.Contains("/default/", t.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Table_names_carry_the_table_prefix_the_app_is_given()
    {
        var deployment = compiled.DeployWith(new Dictionary<string, object?> { ["tablePrefix"] = "staging" });

        var declared = deployment.OfType(TableType).Select(t => t.LeafName).ToList();

        Assert.Equal(ExpectedTables.Length, declared.Count);
        Assert.All(declared, name => Assert.StartsWith("staging", name, StringComparison.Ordinal));
        Assert.Contains("stagingWallets", declared);
        Assert.Equal("staging", FunctionAppTemplateTests.AppSettings(deployment)["UNITPAY_TABLE_PREFIX"]);
    }

    [Fact]
    public void Storage_declares_the_usage_queue_and_its_poison_queue()
    {
        var queues = compiled.Deployment.OfType(QueueType).Select(q => q.LeafName).Order(StringComparer.Ordinal);

        Assert.Equal(["usage-events", "usage-events-poison"], queues);
    }

    [Fact]
    public void Poison_queue_follows_a_renamed_usage_queue()
    {
        var deployment = compiled.DeployWith(new Dictionary<string, object?> { ["usageQueueName"] = "usage-staging" });

        var queues = deployment.OfType(QueueType).Select(q => q.LeafName).Order(StringComparer.Ordinal);

        Assert.Equal(["usage-staging", "usage-staging-poison"], queues);
        Assert.Equal("usage-staging", FunctionAppTemplateTests.AppSettings(deployment)["UNITPAY_USAGE_QUEUE"]);
    }
}
