namespace UnitPay.Core.Payments;

/// <summary>Where a charge stands at the provider.</summary>
public enum ChargeStatus
{
    /// <summary>The money is taken.</summary>
    Succeeded,

    /// <summary>Declined (or otherwise refused); nothing is taken.</summary>
    Failed,

    /// <summary>The customer must act in a form (authentication, or a new payment method) before the money is taken.</summary>
    RequiresAction,

    /// <summary>Accepted and settling; a webhook says how it ends.</summary>
    Processing,
}
