namespace UnitPay.Functions.Configuration;

/// <summary>
/// Tells whether the Functions host launched this process as its isolated worker: the host passes the address of its
/// gRPC endpoint (<c>--functions-uri</c>, or the <c>Functions:Worker:HostEndpoint</c> setting). Otherwise the process
/// runs the local host.
/// </summary>
public static class WorkerLaunch
{
    public static bool IsFunctionsHost(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Any(a => a.StartsWith("--functions-uri", StringComparison.OrdinalIgnoreCase) || a.StartsWith("--functions-worker-id", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("Functions__Worker__HostEndpoint"));
    }
}
