namespace UnitPay.Core.Subscriptions;

/// <summary>One run of the grant timer: subscriptions visited, schedule steps applied, subscriptions that failed (retried on the next run).</summary>
public sealed record CycleRunSummary(int Subscriptions, int Steps, int Failed);
