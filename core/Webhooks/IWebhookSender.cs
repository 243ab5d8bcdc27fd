namespace UnitPay.Core.Webhooks;

/// <summary>
/// Sends one signed POST to a receiver (the port to the outside; the host's adapter uses HttpClient with
/// <see cref="WebhookOptions.Timeout"/>). Never throws for what the receiver or the network did: that is the result.
/// </summary>
public interface IWebhookSender
{
    Task<WebhookSendResult> SendAsync(Uri url, string body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken);
}
