using UnitPay.Functions.Hosting;
using UnitPay.Functions.Local;

namespace UnitPay.Testing;

/// <summary>Finds a local host's queue listener by its function's name (the runner starts them in <see cref="FunctionIndex"/> order).</summary>
public static class TriggerListeners
{
    public static QueueTriggerListener Queue(this LocalTriggerRunner runner, string functionName)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var queueFunctions = FunctionIndex.All.Where(f => f.Trigger == TriggerKind.Queue).ToList();
        return runner.QueueListeners[queueFunctions.FindIndex(f => f.Name == functionName)];
    }
}
