using UnitPay.Core.Billing;

namespace UnitPay.Core.TopUps;

/// <summary>
/// How a top-up or package purchase was settled (<see cref="Kind"/>): charged now and granted, granted and invoiced, or
/// waiting for a form (credits follow the provider's confirmation). <see cref="TopUp"/> is the attempt as it stands.
/// </summary>
public sealed record TopUpSettlement(string Kind, TopUpAttempt TopUp, InvoiceLine? InvoiceLine = null, PaymentClient? Client = null)
{
    /// <summary>The saved payment method was charged off-session; the credits are granted (or, if the provider is still settling, follow its webhook: then the attempt is pending).</summary>
    public const string ChargedInline = "charged_inline";

    /// <summary>A <c>send_invoice</c> customer: credits granted now, the price is a line on the next invoice.</summary>
    public const string InvoiceAdded = "invoice_added";

    /// <summary>The customer completes a payment form (or an authentication) with <see cref="Client"/>; credits are granted once the provider confirms.</summary>
    public const string RequiresForm = "requires_form";
}
