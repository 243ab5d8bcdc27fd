namespace UnitPay.Core.Payments;

/// <summary>What one verified webhook did: confirmations it carried, those that changed something, those already applied or not ours.</summary>
public sealed record WebhookResult(int Confirmations, int Applied, int AlreadyApplied, int Ignored);
