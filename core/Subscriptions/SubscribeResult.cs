namespace UnitPay.Core.Subscriptions;

/// <summary>How a subscription was settled (<see cref="Kind"/>), and the subscription.</summary>
public sealed record SubscribeResult(string Kind, Subscription Subscription)
{
    /// <summary>A free plan: nothing to collect.</summary>
    public const string CreatedNoCharge = "created_no_charge";

    /// <summary>A paid plan for a <c>send_invoice</c> customer: the cycle's price is a line on the next invoice.</summary>
    public const string InvoiceAdded = "invoice_added";

    /// <summary>A paid plan for a card customer: the first period was charged to the saved payment method and the credits granted.</summary>
    public const string ChargedInline = "charged_inline";

    /// <summary>A paid plan for a card customer who pays (or authenticates) in a form: <see cref="Client"/> opens it; credits follow the provider's confirmation.</summary>
    public const string RequiresForm = "requires_form";

    /// <summary>The provider did not answer while charging the first period: the subscription is <c>incomplete</c> and the grant timer completes the charge (never twice).</summary>
    public const string PaymentPending = "payment_pending";

    /// <summary>For <see cref="RequiresForm"/>: what the browser form needs.</summary>
    public TopUps.PaymentClient? Client { get; init; }
}
