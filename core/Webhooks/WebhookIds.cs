namespace UnitPay.Core.Webhooks;

/// <summary>The prefixes of webhook ids and secrets.</summary>
public static class WebhookIds
{
    /// <summary>A webhook endpoint: <c>whep_…</c>.</summary>
    public const string EndpointPrefix = "whep";

    /// <summary>A webhook event: <c>whevt_…</c> (usage events keep <c>evt_</c>).</summary>
    public const string EventPrefix = "whevt";

    /// <summary>A delivery attempt: <c>whdl_…</c>.</summary>
    public const string DeliveryPrefix = "whdl";

    /// <summary>An endpoint's signing secret: <c>whsec_…</c>.</summary>
    public const string SecretPrefix = "whsec_";
}
