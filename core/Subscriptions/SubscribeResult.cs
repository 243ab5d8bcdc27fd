namespace UnitPay.Core.Subscriptions;

/// <summary>How a subscription was settled (<see cref="Kind"/>), and the subscription.</summary>
public sealed record SubscribeResult(string Kind, Subscription Subscription)
{
    /// <summary>A free plan: nothing to collect.</summary>
    public const string CreatedNoCharge = "created_no_charge";

    /// <summary>A paid plan for a <c>send_invoice</c> customer: the cycle's price is a line on the next invoice.</summary>
    public const string InvoiceAdded = "invoice_added";
}
