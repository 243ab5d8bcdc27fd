namespace UnitPay.Benchmarks.Support;

/// <summary>One kind of HTTP request during a timed run: how many, their summed duration, and their p50 / p99.</summary>
internal sealed record RequestStats(int Count, double TotalSeconds, double P50Ms, double P99Ms);
