namespace UnitPay.Benchmarks.Phases;

/// <summary>
/// Azurite's raw insert rate into one partition with 100-entity batches: by one writer (batches back to back, as one
/// wallet's commits are), and by several at once; the ceiling is the better of the two.
/// </summary>
internal sealed record CeilingFigures(double SequentialEntitiesPerSecond, double ConcurrentEntitiesPerSecond, int Writers, double SequentialBatchP50Ms)
{
    public double EntitiesPerSecond => Math.Max(SequentialEntitiesPerSecond, ConcurrentEntitiesPerSecond);
}
