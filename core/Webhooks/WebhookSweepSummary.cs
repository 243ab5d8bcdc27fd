namespace UnitPay.Core.Webhooks;

/// <summary>What one sweep did: wallets looked at, events queued again, wallets that failed (left for the next run).</summary>
public sealed record WebhookSweepSummary(int Wallets, int Events, int Failed);
