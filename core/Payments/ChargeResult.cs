namespace UnitPay.Core.Payments;

/// <summary>The provider's answer to a charge: its id there, where it stands, and why it failed or what the form needs.</summary>
public sealed record ChargeResult
{
    public required ChargeStatus Status { get; init; }

    /// <summary>The provider's id of the charge (a PaymentIntent id), when one was created.</summary>
    public string? PaymentId { get; init; }

    /// <summary>For <see cref="ChargeStatus.RequiresAction"/>: what the browser form needs to complete the charge.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The provider's decline code (<c>card_declined</c>, <c>insufficient_funds</c>...), for a failure.</summary>
    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }
}
