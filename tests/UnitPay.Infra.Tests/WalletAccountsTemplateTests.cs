using UnitPay.Infra.Tests.Arm;
using UnitPay.Infra.Tests.Support;

namespace UnitPay.Infra.Tests;

/// <summary>
/// walletAccounts spreads wallets over further storage accounts (UNITPAY_WALLET_ACCOUNTS): each one as locked down as
/// the app's own, holding only the Wallets table, reached by the app's identity with the table role alone.
/// </summary>
[Collection(CompiledTemplateGroup.Name)]
public sealed class WalletAccountsTemplateTests(CompiledTemplate compiled)
{
    private const string AccountType = "Microsoft.Storage/storageAccounts";
    private const string TableType = "Microsoft.Storage/storageAccounts/tableServices/tables";
    private const string QueueType = "Microsoft.Storage/storageAccounts/queueServices/queues";
    private const string ContainerType = "Microsoft.Storage/storageAccounts/blobServices/containers";
    private const string RoleAssignmentType = "Microsoft.Authorization/roleAssignments";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";

    [Fact]
    public void By_default_every_wallet_is_in_the_app_s_own_account()
    {
        foreach (var deployment in new[] { compiled.Deployment, compiled.DefaultDeployment })
        {
            var settings = FunctionAppTemplateTests.AppSettings(deployment);
            Assert.Equal("1", ArmValues.Text(settings["UNITPAY_WALLET_ACCOUNTS"]));
            Assert.DoesNotContain(settings.Keys, k => k.StartsWith("UNITPAY_WALLET_STORAGE_", StringComparison.Ordinal));
            Assert.Single(deployment.OfType(AccountType));
        }
    }

    [Fact]
    public void Three_wallet_accounts_are_the_app_s_own_and_two_that_hold_only_the_wallet_table()
    {
        var deployment = compiled.DeployWith(new Dictionary<string, object?> { ["walletAccounts"] = 3L, ["tablePrefix"] = "prod" });
        var settings = FunctionAppTemplateTests.AppSettings(deployment);
        var main = ArmValues.Text(settings["AzureWebJobsStorage__accountName"]);
        var wallets = deployment.OfType(AccountType).Where(a => a.Name != main).ToList();

        Assert.Equal(2, wallets.Count);
        Assert.Equal("3", ArmValues.Text(settings["UNITPAY_WALLET_ACCOUNTS"]));
        Assert.Equal(wallets.Select(a => a.Name), new[] { 2, 3 }.Select(i => ArmValues.Text(settings[$"UNITPAY_WALLET_STORAGE_{i}__accountName"])));
        Assert.All(wallets, a => Assert.InRange(a.Name.Replace(ArmUnknown.Marker, new string('x', 13), StringComparison.Ordinal).Length, 3, 24));
        Assert.Equal(2, wallets.Select(a => a.Name).Distinct().Count());

        foreach (var account in wallets)
        {
            // As locked down as the app's own account.
            Assert.Equal(false, account.Get("properties", "allowSharedKeyAccess"));
            Assert.Equal("TLS1_2", account.Get("properties", "minimumTlsVersion"));
            Assert.Equal(false, account.Get("properties", "allowBlobPublicAccess"));

            // The Wallets table (with the app's table prefix) and nothing else: no queue, no container.
            var table = Assert.Single(deployment.OfType(TableType), t => t.Name.StartsWith(account.Name + "/", StringComparison.Ordinal));
            Assert.Equal("prodWallets", table.LeafName);
            Assert.DoesNotContain(deployment.OfType(QueueType), q => q.Name.StartsWith(account.Name + "/", StringComparison.Ordinal));
            Assert.DoesNotContain(deployment.OfType(ContainerType), c => c.Name.StartsWith(account.Name + "/", StringComparison.Ordinal));

            // The app's identity reaches it with the table role only.
            var scope = $"resourceId('Microsoft.Storage/storageAccounts', '{account.Name}')";
            var roles = deployment.OfType(RoleAssignmentType).Where(r => Expression(r.Get("scope")) == scope).ToList();
            var role = Assert.Single(roles);
            Assert.Equal($"subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{TableDataContributor}')", Expression(role.Get("properties", "roleDefinitionId")));
        }

        // The app's own account still holds every table, its queues and its container.
        Assert.Equal(deployment.OfType(TableType).Count(t => t.Name.StartsWith(main + "/", StringComparison.Ordinal)), compiled.Deployment.OfType(TableType).Count);
    }

    private static string Expression(object? value) => Assert.IsType<ArmUnknown>(value).Expression;
}
