namespace UnitPay.Benchmarks.Report;

/// <summary>One target of the issue: what it asks, the figure measured against it, and whether it was met.</summary>
internal sealed record Target(string Key, string Asks, string Measured, bool Met);
