namespace UnitPay.Core.Faults;

/// <summary>
/// A seam for crash tests: the engine calls <see cref="Hit"/> at each <see cref="FaultPoint"/>, and an injector may
/// throw <see cref="InjectedCrashException"/> there to stand for the process dying at that moment. Production
/// registers none: the services take it as an optional dependency and skip the call when it is null, so the hot path
/// pays one null check.
/// </summary>
public interface IFaultInjector
{
    /// <summary>Called when execution reaches <paramref name="point"/>; throws <see cref="InjectedCrashException"/> to crash there.</summary>
    void Hit(FaultPoint point);
}
