namespace UnitPay.Core.Analytics;

/// <summary>What was consumed on one UTC day, in minor units of the wallet's currency.</summary>
public readonly record struct DailyBurn(DateOnly Date, long Amount);
