using UnitPay.Core.Catalog;
using UnitPay.Core.Money;
using UnitPay.Core.Results;

namespace UnitPay.Core.TopUps;

/// <summary>
/// What a top-up by amount costs. A fiat wallet (<c>usd</c>, <c>eur</c>...) holds money, so its top-up is charged 1:1
/// in that money. A unit wallet sells top-ups only at its currency's <see cref="CreditCurrency.TopUpPrice"/> per whole
/// credit, rounded up to the money's minor unit (never undercharge); without one it sells packages only.
/// </summary>
public static class TopUpPricing
{
    /// <summary>Checks a <c>topUpPrice</c> for a currency of <paramref name="denomination"/>; null when it is valid (or absent).</summary>
    public static Failure? Validate(Denomination denomination, Price? topUpPrice)
    {
        if (topUpPrice is null)
        {
            return null;
        }

        if (!denomination.IsUnit)
        {
            return Failure.Validation("topUpPrice", "topUpPrice applies to unit credit currencies only: a fiat wallet is topped up 1:1 in its own money.");
        }

        var errors = new ValidationErrors();
        if (Price.Validate(topUpPrice.Amount, topUpPrice.Currency, "topUpPrice", errors) is null)
        {
            return errors.ToFailure();
        }

        return topUpPrice.Amount == 0 ? Failure.Validation("topUpPrice.amount", "topUpPrice.amount must be positive (a free top-up is a grant).") : null;
    }

    /// <summary>The money <paramref name="amount"/> minor units of <paramref name="currency"/> cost, or why they cannot be sold.</summary>
    public static Outcome<Price> ChargeFor(CreditCurrency currency, long amount)
    {
        ArgumentNullException.ThrowIfNull(currency);
        if (!Denomination.TryParse(currency.Denomination, out var denomination))
        {
            throw new InvalidDataException($"Credit currency {currency.Id} has an unknown denomination '{currency.Denomination}'.");
        }

        if (!denomination.IsUnit)
        {
            return new Price(amount, denomination.Code);
        }

        if (currency.TopUpPrice is not { } price)
        {
            return new Failure(
                FailureCodes.TopupNotPriced,
                $"Credit currency {currency.Id} ({currency.Name}) has no topUpPrice, so it sells credits through credit packages only.");
        }

        var wholeCredits = new decimal(amount) / Pow10(currency.MinorUnitScale);
        return CostCalculator.TryResolve(wholeCredits, price.Amount, 0, out var charge)
            ? new Price(charge, price.Currency)
            : Failure.Validation("amount", "amount is too large to price.");
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
}
