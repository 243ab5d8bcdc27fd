namespace UnitPay.Core.Payments.Sandbox;

/// <summary>
/// The sandbox's test payment methods, like a PSP's test cards. Any other id is an unknown payment method (declined
/// with <c>resource_missing</c>).
/// </summary>
public static class SandboxPaymentMethods
{
    /// <summary>Every charge succeeds.</summary>
    public const string Success = "pm_sandbox_success";

    /// <summary>Every charge is declined (<c>card_declined</c>).</summary>
    public const string Decline = "pm_sandbox_decline";

    /// <summary>An off-session charge needs the customer to authenticate in a form first (3-D Secure).</summary>
    public const string RequiresAction = "pm_sandbox_requires_action";

    /// <summary>The first request with a key is carried out but its answer is lost (a timeout); the same key again answers the charge made.</summary>
    public const string TimeoutOnce = "pm_sandbox_timeout_once";
}
