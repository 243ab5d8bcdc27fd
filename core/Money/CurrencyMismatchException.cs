namespace UnitPay.Core.Money;

/// <summary>Thrown when amounts of two different credit currencies meet in one operation. This is a bug in the caller.</summary>
public sealed class CurrencyMismatchException : InvalidOperationException
{
    public CurrencyMismatchException(string left, string right)
        : base($"Amounts of credit currencies '{left}' and '{right}' cannot be combined.")
    {
        Left = left;
        Right = right;
    }

    public CurrencyMismatchException()
    {
        Left = Right = string.Empty;
    }

    public CurrencyMismatchException(string message)
        : base(message)
    {
        Left = Right = string.Empty;
    }

    public CurrencyMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        Left = Right = string.Empty;
    }

    public string Left { get; }

    public string Right { get; }
}
