namespace UnitPay.Core.Money;

/// <summary>
/// An amount of one credit currency, as an integer of minor units. Arithmetic is checked (overflow throws,
/// never wraps) and combining two currencies throws <see cref="CurrencyMismatchException"/>.
/// </summary>
public readonly record struct CreditAmount(string CurrencyId, long Minor) : IComparable<CreditAmount>
{
    public static CreditAmount Zero(string currencyId) => new(currencyId, 0);

    public static CreditAmount operator +(CreditAmount left, CreditAmount right)
    {
        EnsureSame(left, right);
        return left with { Minor = checked(left.Minor + right.Minor) };
    }

    public static CreditAmount operator -(CreditAmount left, CreditAmount right)
    {
        EnsureSame(left, right);
        return left with { Minor = checked(left.Minor - right.Minor) };
    }

    public static bool operator <(CreditAmount left, CreditAmount right) => left.CompareTo(right) < 0;

    public static bool operator >(CreditAmount left, CreditAmount right) => left.CompareTo(right) > 0;

    public static bool operator <=(CreditAmount left, CreditAmount right) => left.CompareTo(right) <= 0;

    public static bool operator >=(CreditAmount left, CreditAmount right) => left.CompareTo(right) >= 0;

    public CreditAmount Add(CreditAmount other) => this + other;

    public CreditAmount Subtract(CreditAmount other) => this - other;

    public int CompareTo(CreditAmount other)
    {
        EnsureSame(this, other);
        return Minor.CompareTo(other.Minor);
    }

    private static void EnsureSame(CreditAmount left, CreditAmount right)
    {
        if (!string.Equals(left.CurrencyId, right.CurrencyId, StringComparison.Ordinal))
        {
            throw new CurrencyMismatchException(left.CurrencyId, right.CurrencyId);
        }
    }
}
