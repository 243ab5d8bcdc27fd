namespace UnitPay.Core.Webhooks;

/// <summary>What an attempt came to: <c>delivered</c> (a 2xx), <c>retrying</c> (another attempt is queued), <c>failed</c> (no attempt left in the retry window).</summary>
public enum WebhookDeliveryStatus
{
    Delivered,
    Retrying,
    Failed,
}
