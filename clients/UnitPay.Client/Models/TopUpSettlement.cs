namespace UnitPay.Client.Models;

/// <summary>The answer of a top-up or a package purchase (201 whatever its kind).</summary>
/// <param name="Kind"><c>charged_inline</c>, <c>invoice_added</c>, <c>requires_form</c>, ….</param>
/// <param name="TopUp">The attempt.</param>
/// <param name="InvoiceLine">With <c>invoice_added</c>: the line.</param>
/// <param name="Client">With <c>requires_form</c>: the form.</param>
public sealed record TopUpSettlement(
    string Kind,
    TopUpAttempt TopUp,
    InvoiceLine? InvoiceLine,
    PaymentForm? Client);
