namespace UnitPay.Core.Faults;

/// <summary>
/// A crash injected by an <see cref="IFaultInjector"/>: stands for the process dying at a <see cref="FaultPoint"/>.
/// Code that carries on past a failure (a timer that logs one wallet's failure and goes to the next) lets it pass,
/// as nothing carries on after a real crash.
/// </summary>
public sealed class InjectedCrashException : Exception
{
    public InjectedCrashException()
        : this("An injected crash.")
    {
    }

    public InjectedCrashException(string message)
        : base(message)
    {
    }

    public InjectedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InjectedCrashException(FaultPoint point)
        : this($"Injected crash at {point}.")
    {
        Point = point;
    }

    /// <summary>Where the crash was injected.</summary>
    public FaultPoint? Point { get; }
}
