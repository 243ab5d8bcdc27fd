namespace UnitPay.Client.Models;

/// <summary><c>POST /v1/subscriptions</c>.</summary>
/// <param name="CustomerId"><c>cus_</c> id or external id.</param>
/// <param name="PlanId"><c>plan_…</c></param>
/// <param name="ForceForm">Pay the first period in a form even with a saved method.</param>
public sealed record CreateSubscriptionRequest(
    string CustomerId,
    string PlanId,
    bool? ForceForm = null);
