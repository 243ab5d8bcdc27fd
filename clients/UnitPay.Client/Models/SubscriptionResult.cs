namespace UnitPay.Client.Models;

/// <summary>The answer of <c>POST /v1/subscriptions</c>.</summary>
/// <param name="Kind"><c>created_no_charge</c>, <c>charged_inline</c>, <c>invoice_added</c>, <c>requires_form</c> or <c>payment_pending</c>.</param>
/// <param name="Subscription">The subscription.</param>
/// <param name="Client">With <c>requires_form</c>: the form.</param>
public sealed record SubscriptionResult(
    string Kind,
    Subscription Subscription,
    PaymentForm? Client);
