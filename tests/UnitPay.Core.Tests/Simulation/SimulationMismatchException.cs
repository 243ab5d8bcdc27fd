namespace UnitPay.Core.Tests.Simulation;

/// <summary>The engine and the reference model disagree.</summary>
public sealed class SimulationMismatchException : Exception
{
    public SimulationMismatchException()
    {
    }

    public SimulationMismatchException(string message)
        : base(message)
    {
    }

    public SimulationMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
