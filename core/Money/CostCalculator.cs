using System.Numerics;

namespace UnitPay.Core.Money;

/// <summary>
/// Resolves what usage costs: <c>quantity x costPerUnit</c>, computed exactly and rounded up to the currency's
/// minor unit, so the engine never undercharges. Quantities and unit costs are decimal numbers given by the
/// caller; the result is an integer of minor units or an error, never a wrapped or truncated number.
/// </summary>
public static class CostCalculator
{
    /// <summary>The largest quantity one event may carry (<see cref="AmountLimits.MaxQuantity"/>).</summary>
    public const decimal MaxQuantity = AmountLimits.MaxQuantity;

    /// <summary>
    /// Computes the cost in minor units at <paramref name="minorUnitScale"/> decimals.
    /// Returns false when the result passes <see cref="AmountLimits.MaxCharge"/> (overflow is an error, not a wrap).
    /// </summary>
    public static bool TryResolve(decimal quantity, decimal costPerUnit, int minorUnitScale, out long minorUnits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        ArgumentOutOfRangeException.ThrowIfNegative(costPerUnit);
        ArgumentOutOfRangeException.ThrowIfNegative(minorUnitScale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minorUnitScale, 4);

        // Exact rational arithmetic: each decimal is an integer mantissa over a power of ten.
        var (qMantissa, qScale) = Decompose(quantity);
        var (cMantissa, cScale) = Decompose(costPerUnit);
        var numerator = qMantissa * cMantissa * BigInteger.Pow(10, minorUnitScale);
        var denominator = BigInteger.Pow(10, qScale + cScale);
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        if (!remainder.IsZero)
        {
            quotient += 1; // round up: never undercharge
        }

        if (quotient > AmountLimits.MaxCharge)
        {
            minorUnits = 0;
            return false;
        }

        minorUnits = (long)quotient;
        return true;
    }

    /// <summary>Converts a decimal amount (e.g. 12.5 credits) to minor units, failing if it has more decimals than the scale allows.</summary>
    public static bool TryToMinorUnits(decimal amount, int minorUnitScale, out long minorUnits)
    {
        minorUnits = 0;
        var scaled = amount * Pow10(minorUnitScale);
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue)
        {
            return false;
        }

        minorUnits = (long)scaled;
        return true;
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10m;
        }

        return result;
    }

    private static (BigInteger Mantissa, int Scale) Decompose(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var mantissa = new BigInteger((uint)bits[2]) << 64 | new BigInteger((uint)bits[1]) << 32 | new BigInteger((uint)bits[0]);
        return (mantissa, scale);
    }
}
