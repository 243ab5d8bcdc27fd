namespace UnitPay.Functions.Configuration;

/// <summary>Every setting the app reads, by name. <c>local.settings.sample.json</c> lists them all.</summary>
public static class SettingNames
{
    /// <summary>Storage: a connection string, or absent with the identity-based <c>AzureWebJobsStorage__*</c> settings.</summary>
    public const string Storage = "AzureWebJobsStorage";

    public const string StorageAccountName = "AzureWebJobsStorage__accountName";
    public const string StorageTableServiceUri = "AzureWebJobsStorage__tableServiceUri";
    public const string StorageQueueServiceUri = "AzureWebJobsStorage__queueServiceUri";
    public const string StorageClientId = "AzureWebJobsStorage__clientId";

    public const string UsageQueue = "UNITPAY_USAGE_QUEUE";
    public const string TablePrefix = "UNITPAY_TABLE_PREFIX";
    public const string ExpireGrantsSchedule = "UNITPAY_EXPIRE_GRANTS_SCHEDULE";
    public const string GrantCyclesSchedule = "UNITPAY_GRANT_CYCLES_SCHEDULE";
    public const string TopUpSweeperSchedule = "UNITPAY_TOPUP_SWEEPER_SCHEDULE";
    public const string BootstrapApiKey = "UNITPAY_BOOTSTRAP_API_KEY";

    /// <summary>Local runs only: the port of the HTTP API (default 7071, as Core Tools). Under the host, the host's port serves.</summary>
    public const string LocalPort = "UNITPAY_LOCAL_PORT";

    /// <summary>Local runs only: <c>false</c> turns the local trigger runner off (the API still serves).</summary>
    public const string LocalTriggers = "UNITPAY_LOCAL_TRIGGERS";
}
