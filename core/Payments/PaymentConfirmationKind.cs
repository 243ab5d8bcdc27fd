namespace UnitPay.Core.Payments;

/// <summary>What a provider's webhook confirms.</summary>
public enum PaymentConfirmationKind
{
    /// <summary>A charge took the money (<c>payment_intent.succeeded</c>).</summary>
    PaymentSucceeded,

    /// <summary>A charge was declined (<c>payment_intent.payment_failed</c>).</summary>
    PaymentFailed,

    /// <summary>A payment method was saved (<c>setup_intent.succeeded</c>): it becomes the customer's default.</summary>
    SetupSucceeded,
}
