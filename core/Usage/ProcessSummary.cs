namespace UnitPay.Core.Usage;

/// <summary>What one queue message did: per-wallet charges applied, rejected, and skipped as already applied.</summary>
public sealed record ProcessSummary(int Events, int Applied, int Rejected, int Duplicates);
