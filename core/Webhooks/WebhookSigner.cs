using UnitPay.Core.Payments;

namespace UnitPay.Core.Webhooks;

/// <summary>
/// Signs deliveries: header <c>UnitPay-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;body&gt;"&gt;</c>,
/// keyed with the endpoint's secret (the whole <c>whsec_…</c> string, as UTF-8). The scheme is the one the payment
/// webhooks already use (<see cref="WebhookSignature"/>, Stripe's), so there is one implementation of it; this class
/// names our headers. Signing the timestamp with the body lets a receiver refuse old replays; every attempt is signed
/// when it is sent.
/// </summary>
public static class WebhookSigner
{
    public const string Header = "UnitPay-Signature";
    public const string EventIdHeader = "UnitPay-Event-Id";
    public const string EventTypeHeader = "UnitPay-Event-Type";

    public static string Sign(string body, string secret, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(secret);
        return WebhookSignature.Sign(body, secret, at);
    }

    /// <summary>
    /// What a receiver does: the header's <c>v1</c> must be the HMAC of <c>t.body</c>, compared in constant time, and
    /// <c>t</c> within <paramref name="tolerance"/> of <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string body, string? header, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(secret);
        return WebhookSignature.Verify(body, header, secret, now, tolerance);
    }
}
