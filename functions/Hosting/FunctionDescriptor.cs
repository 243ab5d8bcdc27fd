using System.Reflection;

namespace UnitPay.Functions.Hosting;

/// <summary>One <c>[Function]</c> method as its attributes declare it: name, class, method and trigger binding.</summary>
public sealed record FunctionDescriptor
{
    public required string Name { get; init; }

    public required Type Type { get; init; }

    public required MethodInfo Method { get; init; }

    public required TriggerKind Trigger { get; init; }

    public required ParameterInfo TriggerParameter { get; init; }

    /// <summary>The method's parameters, read once (reflection copies the array on every call).</summary>
    public required IReadOnlyList<ParameterInfo> Parameters { get; init; }

    /// <summary>HTTP: the route template (no prefix: host.json sets routePrefix to empty, so paths stay /v1/...).</summary>
    public string? Route { get; init; }

    /// <summary>HTTP: the methods, upper case.</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];

    /// <summary>Queue: the queue name or binding expression (<c>%SETTING%</c>).</summary>
    public string? QueueName { get; init; }

    /// <summary>Queue: the connection setting's name.</summary>
    public string? Connection { get; init; }

    /// <summary>Timer: the NCRONTAB schedule or binding expression (<c>%SETTING%</c>).</summary>
    public string? Schedule { get; init; }

    public bool RunOnStartup { get; init; }

    public bool UseMonitor { get; init; }
}
