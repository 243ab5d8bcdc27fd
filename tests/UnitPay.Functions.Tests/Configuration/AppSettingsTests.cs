using UnitPay.Functions.Configuration;

namespace UnitPay.Functions.Tests.Configuration;

public sealed class AppSettingsTests
{
    private static AppSettings Load(Dictionary<string, string> values, bool hosted = false) => AppSettings.FromValues(values, hosted);

    [Theory]
    [InlineData(SettingNames.UsageQueue, "Usage_Events")]
    [InlineData(SettingNames.UsageQueue, "ab")]
    [InlineData(SettingNames.TablePrefix, "1abc")]
    [InlineData(SettingNames.TablePrefix, "has-dash")]
    [InlineData(SettingNames.ExpireGrantsSchedule, "every five minutes")]
    [InlineData(SettingNames.ExpireGrantsSchedule, "*/5 * * * *")]
    [InlineData(SettingNames.GrantCyclesSchedule, "hourly")]
    [InlineData(SettingNames.TopUpSweeperSchedule, "*/5 * * * *")]
    [InlineData(SettingNames.BootstrapApiKey, "sk_live_123")]
    [InlineData(SettingNames.LocalPort, "70000")]
    [InlineData(SettingNames.Storage, "not a connection string")]
    [InlineData(SettingNames.StorageTableServiceUri, "table.example")]
    [InlineData(SettingNames.PaymentProvider, "paypal")]
    [InlineData(SettingNames.StripeApiBase, "stripe.local")]
    [InlineData(SettingNames.SandboxWebhookQueue, "Sandbox_Hooks")]
    [InlineData(SettingNames.TopUpMaxAmount, "0")]
    [InlineData(SettingNames.TopUpMaxAmount, "ten dollars")]
    public void Invalid_configuration_fails_with_a_message_naming_the_setting(string setting, string value)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [setting] = value };
        if (setting == SettingNames.StorageTableServiceUri)
        {
            values[SettingNames.StorageAccountName] = "acct";
        }

        var error = Assert.Throws<SettingException>(() => Load(values));

        Assert.Equal(setting, error.Setting);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SettingNames.StripeSecretKey)]
    [InlineData(SettingNames.StripeWebhookSecret)]
    public void The_stripe_provider_without_a_secret_fails_naming_the_missing_setting(string missing)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [SettingNames.PaymentProvider] = "stripe",
            [SettingNames.StripeSecretKey] = "sk_test_from_an_app_setting",
            [SettingNames.StripeWebhookSecret] = "whsec_from_an_app_setting",
        };
        values.Remove(missing);

        var error = Assert.Throws<SettingException>(() => Load(values));

        Assert.Equal(missing, error.Setting);
    }

    [Fact]
    public void Payments_default_to_the_sandbox_and_read_their_settings()
    {
        var defaults = Load(new(StringComparer.OrdinalIgnoreCase));
        var stripe = Load(new(StringComparer.OrdinalIgnoreCase)
        {
            [SettingNames.PaymentProvider] = "Stripe",
            [SettingNames.StripeSecretKey] = "sk_test_from_an_app_setting",
            [SettingNames.StripeWebhookSecret] = "whsec_from_an_app_setting",
            [SettingNames.TopUpMaxAmount] = "5000",
        });

        Assert.Equal(("sandbox", "sandbox-webhooks"), (defaults.Payments.Provider, defaults.Resolve(SettingNames.SandboxWebhookQueue)));
        Assert.Equal(("stripe", "sk_test_from_an_app_setting", 5000L), (stripe.Payments.Provider, stripe.Payments.StripeSecretKey, stripe.TopUps.MaxAmount));
    }

    [Fact]
    public void Hosted_runs_need_storage_and_local_runs_default_to_the_embedded_emulator()
    {
        var hosted = Assert.Throws<SettingException>(() => Load(new(StringComparer.OrdinalIgnoreCase), hosted: true));
        var local = Load(new(StringComparer.OrdinalIgnoreCase));

        Assert.Equal(SettingNames.Storage, hosted.Setting);
        Assert.Null(local.Storage);
        Assert.Equal((7071, "usage-events", AppSettings.DefaultExpireGrantsSchedule), (local.Port, local.UsageQueue, local.ExpireGrantsSchedule));
        Assert.Equal(AppSettings.DefaultGrantCyclesSchedule, local.GrantCyclesSchedule);
        Assert.Equal(AppSettings.DefaultTopUpSweeperSchedule, local.TopUpSweeperSchedule);
    }

    [Theory]
    [InlineData(new[] { "UnitPay.Functions.dll", "--functions-uri", "http://127.0.0.1:54321/", "--functions-worker-id", "w1" }, true)]
    [InlineData(new[] { "--functions-uri=http://127.0.0.1:54321/" }, true)]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "create-org", "--name", "Acme" }, false)]
    public void The_functions_host_is_recognised_by_the_endpoint_it_passes_the_worker(string[] args, bool hosted) =>
        Assert.Equal(hosted, WorkerLaunch.IsFunctionsHost(args));

    [Fact]
    public void Trigger_expressions_resolve_settings_between_percent_signs_and_keep_literals()
    {
        var settings = Load(new(StringComparer.OrdinalIgnoreCase) { [SettingNames.UsageQueue] = "custom-usage" });

        Assert.Equal("custom-usage", settings.ResolveExpression("%" + SettingNames.UsageQueue + "%"));
        Assert.Equal(AppSettings.DefaultGrantCyclesSchedule, settings.ResolveExpression("%" + SettingNames.GrantCyclesSchedule + "%"));
        Assert.Equal("0 0 * * * *", settings.ResolveExpression("0 0 * * * *"));
    }

    [Fact]
    public void Identity_based_storage_settings_are_read_without_a_connection_string()
    {
        var settings = Load(new(StringComparer.OrdinalIgnoreCase)
        {
            [SettingNames.StorageAccountName] = "unitpaydata",
            [SettingNames.TablePrefix] = "prod",
        });

        Assert.True(settings.Storage!.UsesIdentity);
        Assert.Equal(new Uri("https://unitpaydata.table.core.windows.net"), settings.Storage.ResolvedTableUri);
        Assert.Equal(new Uri("https://unitpaydata.queue.core.windows.net"), settings.Storage.ResolvedQueueUri);
        Assert.Equal("prod", settings.Storage.TablePrefix);
    }

    [Fact]
    public void Local_settings_values_are_read_and_environment_and_overrides_win()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("unitpay-settings-").FullName, "local.settings.json");
        File.WriteAllText(path, """{ "IsEncrypted": false, "Values": { "UNITPAY_USAGE_QUEUE": "from-file", "UNITPAY_TABLE_PREFIX": "file" } }""");

        var settings = AppSettings.Load(new Dictionary<string, string?> { [SettingNames.TablePrefix] = "override" }, path);

        Assert.Equal(("from-file", "override"), (settings.UsageQueue, settings.TablePrefix));
    }
}
