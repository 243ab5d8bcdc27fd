namespace UnitPay.Core.Usage;

/// <summary>A queue message that can never be processed (not JSON, no organization...). It belongs in the poison queue.</summary>
public sealed class UnprocessableMessageException : Exception
{
    public UnprocessableMessageException()
    {
    }

    public UnprocessableMessageException(string message)
        : base(message)
    {
    }

    public UnprocessableMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
