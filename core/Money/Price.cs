using UnitPay.Core.Results;

namespace UnitPay.Core.Money;

/// <summary>An amount of money: an integer of minor units of a lowercase ISO-4217 currency (never a unit denomination).</summary>
public sealed record Price(long Amount, string Currency)
{
    /// <summary>The largest price the engine accepts, in minor units (as for plan prices).</summary>
    public const long MaxAmount = 1_000_000_000_000;

    /// <summary>Checks a price sent by a caller (amount 0 to <see cref="MaxAmount"/>, a known ISO-4217 code); returns it normalised, or null with the problems added to <paramref name="errors"/>.</summary>
    public static Price? Validate(long? amount, string? currency, string field, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var valid = true;
        if (amount is not (>= 0 and <= MaxAmount))
        {
            errors.Add(field + ".amount", $"{field}.amount is required: an integer of minor units from 0 to {MaxAmount}.");
            valid = false;
        }

        if (!Denomination.TryParse(currency, out var denomination) || denomination.IsUnit)
        {
            errors.Add(field + ".currency", $"{field}.currency must be an ISO-4217 currency code such as 'usd'.");
            valid = false;
        }

        return valid ? new Price(amount!.Value, denomination.Code) : null;
    }
}
