using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace UnitPay.Functions.Hosting;

/// <summary>
/// Every function of the app, found the way the Functions SDK finds them: public methods carrying
/// <see cref="FunctionAttribute"/>, each with one trigger parameter. A new function is written once, as a
/// <c>[Function]</c> method; the SDK generates its metadata for the Functions host and the local host reads it from here.
/// </summary>
public static class FunctionIndex
{
    private static readonly Lazy<IReadOnlyList<FunctionDescriptor>> Functions = new(() => Discover(typeof(FunctionIndex).Assembly));

    public static IReadOnlyList<FunctionDescriptor> All => Functions.Value;

    public static FunctionDescriptor Named(string name) =>
        All.SingleOrDefault(f => f.Name == name) ?? throw new ArgumentException($"No function is named '{name}'.", nameof(name));

    /// <summary>The functions declared in <paramref name="assembly"/>, ordered by name.</summary>
    public static IReadOnlyList<FunctionDescriptor> Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var found = new List<FunctionDescriptor>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsPublic: true }))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is { } function)
                {
                    found.Add(Describe(function.Name, type, method));
                }
            }
        }

        var duplicate = found.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two functions are named '{duplicate.Key}'.");
        }

        return [.. found.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    private static FunctionDescriptor Describe(string name, Type type, MethodInfo method)
    {
        FunctionDescriptor? descriptor = null;
        var parameters = method.GetParameters();
        foreach (var parameter in parameters)
        {
            FunctionDescriptor? trigger = parameter.GetCustomAttributes().FirstOrDefault() switch
            {
                HttpTriggerAttribute http => new FunctionDescriptor
                {
                    Name = name, Type = type, Method = method, Parameters = parameters, Trigger = TriggerKind.Http, TriggerParameter = parameter,
                    Route = http.Route ?? throw new InvalidOperationException($"{name}: an HTTP function names its route."),
                    Methods = [.. (http.Methods ?? ["get", "post", "put", "delete", "patch"]).Select(m => m.ToUpperInvariant())],
                },
                QueueTriggerAttribute queue => new FunctionDescriptor
                {
                    Name = name, Type = type, Method = method, Parameters = parameters, Trigger = TriggerKind.Queue, TriggerParameter = parameter,
                    QueueName = queue.QueueName, Connection = queue.Connection,
                },
                TimerTriggerAttribute timer => new FunctionDescriptor
                {
                    Name = name, Type = type, Method = method, Parameters = parameters, Trigger = TriggerKind.Timer, TriggerParameter = parameter,
                    Schedule = timer.Schedule, RunOnStartup = timer.RunOnStartup, UseMonitor = timer.UseMonitor,
                },
                _ => null,
            };
            if (trigger is not null)
            {
                descriptor = descriptor is null ? trigger : throw new InvalidOperationException($"{name} has more than one trigger.");
            }
        }

        return descriptor ?? throw new InvalidOperationException($"{name} has no trigger parameter this app knows (HTTP, queue or timer).");
    }
}
