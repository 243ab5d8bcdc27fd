namespace UnitPay.Core.Payments;

/// <summary>
/// The provider did not answer (a timeout, a connection failure, a 5xx). Whether the request took effect is unknown:
/// sending it again with the same idempotency key finds out without charging twice.
/// </summary>
public sealed class PaymentProviderUnavailableException : Exception
{
    public PaymentProviderUnavailableException()
    {
    }

    public PaymentProviderUnavailableException(string message)
        : base(message)
    {
    }

    public PaymentProviderUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
