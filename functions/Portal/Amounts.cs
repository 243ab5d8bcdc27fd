using System.Globalization;
using UnitPay.Core.Catalog;
using UnitPay.Core.Money;

namespace UnitPay.Functions.Portal;

/// <summary>
/// Amounts as a person reads them, each on its currency's terms: unit credits as a count ("1,250 credits"), fiat as
/// money in its currency with the currency's scale ("USD 12.50"). Never a sum across currencies.
/// </summary>
public static class Amounts
{
    public static string Format(long minorUnits, CreditCurrency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        var number = Number(minorUnits, currency.MinorUnitScale);
        return currency.Denomination == Denomination.UnitCode
            ? number + (minorUnits == 1 && currency.MinorUnitScale == 0 ? " credit" : " credits")
            : currency.Denomination.ToUpperInvariant() + " " + number;
    }

    /// <summary>A price (what a package or a top-up charges), in its own currency.</summary>
    public static string Format(Price price)
    {
        ArgumentNullException.ThrowIfNull(price);
        var scale = Denomination.TryParse(price.Currency, out var d) ? d.IsoExponent ?? 0 : 2;
        return price.Currency.ToUpperInvariant() + " " + Number(price.Amount, scale);
    }

    public static string Number(long minorUnits, int scale)
    {
        var value = minorUnits / (decimal)Pow10(scale);
        return value.ToString("N" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Reads what a person typed ("12.5", "1,000") as minor units of the currency; null when it is not an amount of it.</summary>
    public static long? Parse(string? text, CreditCurrency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40
            || !decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        var minor = value * Pow10(currency.MinorUnitScale);
        return minor == decimal.Truncate(minor) && minor <= long.MaxValue ? (long)minor : null;
    }

    /// <summary>The amount as typed back into a form field (no grouping).</summary>
    public static string Input(long minorUnits, CreditCurrency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return (minorUnits / (decimal)Pow10(currency.MinorUnitScale)).ToString("F" + currency.MinorUnitScale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static long Pow10(int scale) => scale switch { 0 => 1, 1 => 10, 2 => 100, 3 => 1000, _ => (long)Math.Pow(10, scale) };
}
