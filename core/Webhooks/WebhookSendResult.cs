namespace UnitPay.Core.Webhooks;

/// <summary>What one POST came to: the receiver's status (null when none came) and how long it took.</summary>
public sealed record WebhookSendResult(int? StatusCode, TimeSpan Duration, string? Error)
{
    /// <summary>A 2xx: delivered.</summary>
    public bool Delivered => StatusCode is >= 200 and < 300;
}
