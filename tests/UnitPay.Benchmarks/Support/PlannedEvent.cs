namespace UnitPay.Benchmarks.Support;

/// <summary>One usage event a phase sends: its customer, the idempotency key that names it, and its quantity (its cost, at one credit a unit).</summary>
internal sealed record PlannedEvent(string CustomerId, string Key, int Quantity);
