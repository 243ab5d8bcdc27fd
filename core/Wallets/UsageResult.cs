namespace UnitPay.Core.Wallets;

/// <summary>What happened to one usage charge: its recorded outcome, and whether this delivery was a duplicate of an earlier one.</summary>
public sealed record UsageResult(EventOutcome Outcome, bool Duplicate);
