namespace UnitPay.Functions.Hosting;

/// <summary>The kinds of trigger this app's functions use.</summary>
public enum TriggerKind
{
    Http,
    Queue,
    Timer,
}

/// <summary>
/// One function of the app: its name (also the handler path the host POSTs non-HTTP invocations to) and its trigger
/// binding. <see cref="FunctionCatalog"/> is the single source of truth: the packaging step writes each function.json
/// from it, and the local trigger runner drives triggers from it.
/// </summary>
public sealed record FunctionDefinition
{
    public required string Name { get; init; }

    public required TriggerKind Trigger { get; init; }

    /// <summary>The trigger binding's parameter name (the key under <c>Data</c> in the invocation payload).</summary>
    public required string BindingName { get; init; }

    /// <summary>HTTP: the route template (no prefix: host.json sets routePrefix to empty, so paths stay /v1/...).</summary>
    public string? Route { get; init; }

    public IReadOnlyList<string> Methods { get; init; } = [];

    /// <summary>Queue: the app setting that names the queue (bound as <c>%SETTING%</c>).</summary>
    public string? QueueNameSetting { get; init; }

    /// <summary>Timer: the app setting that holds the NCRONTAB schedule (bound as <c>%SETTING%</c>).</summary>
    public string? ScheduleSetting { get; init; }
}
