using UnitPay.Functions.Configuration;

namespace UnitPay.Functions.Hosting;

/// <summary>Every function of the app. Names say action and trigger.</summary>
public static class FunctionCatalog
{
    public static readonly FunctionDefinition HealthHttp = new()
    {
        Name = "HealthHttp",
        Trigger = TriggerKind.Http,
        BindingName = "req",
        Route = "v1/health",
        Methods = ["get"],
    };

    public static readonly FunctionDefinition TrackUsageHttp = new()
    {
        Name = "TrackUsageHttp",
        Trigger = TriggerKind.Http,
        BindingName = "req",
        Route = "v1/usage/track",
        Methods = ["post"],
    };

    /// <summary>Every other public route: one function, because the handler does its own routing.</summary>
    public static readonly FunctionDefinition ApiHttp = new()
    {
        Name = "ApiHttp",
        Trigger = TriggerKind.Http,
        BindingName = "req",
        Route = "v1/{*path}",
        Methods = ["get", "post", "put", "delete", "patch"],
    };

    public static readonly FunctionDefinition DeductUsageQueue = new()
    {
        Name = "DeductUsageQueue",
        Trigger = TriggerKind.Queue,
        BindingName = "message",
        QueueNameSetting = SettingNames.UsageQueue,
    };

    public static readonly FunctionDefinition ExpireGrantsTimer = new()
    {
        Name = "ExpireGrantsTimer",
        Trigger = TriggerKind.Timer,
        BindingName = "timer",
        ScheduleSetting = SettingNames.ExpireGrantsSchedule,
    };

    /// <summary>Subscription schedules: renewals (rollover, then the new cycle's grants), daily drips, cancellations taking effect.</summary>
    public static readonly FunctionDefinition GrantCyclesTimer = new()
    {
        Name = "GrantCyclesTimer",
        Trigger = TriggerKind.Timer,
        BindingName = "timer",
        ScheduleSetting = SettingNames.GrantCyclesSchedule,
    };

    public static IReadOnlyList<FunctionDefinition> All { get; } =
        [HealthHttp, TrackUsageHttp, ApiHttp, DeductUsageQueue, ExpireGrantsTimer, GrantCyclesTimer];

    /// <summary>The storage connection setting every non-HTTP trigger binds to.</summary>
    public const string StorageConnection = "AzureWebJobsStorage";
}
