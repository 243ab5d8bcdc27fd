using CsCheck;
using UnitPay.Core.Money;

namespace UnitPay.Core.Tests.Money;

public sealed class CostCalculatorTests
{
    [Theory]
    [InlineData("6", "3", 18)]
    [InlineData("1200", "0.002", 3)] // 2.4 rounds up
    [InlineData("1", "0.000001", 1)] // never undercharge: any fraction is a whole minor unit
    [InlineData("2.5", "4", 10)]
    [InlineData("3", "0", 0)]
    public void Cost_is_quantity_times_unit_cost_rounded_up(string quantity, string perUnit, long expected)
    {
        Assert.True(CostCalculator.TryResolve(decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(perUnit, System.Globalization.CultureInfo.InvariantCulture), 0, out var cost));
        Assert.Equal(expected, cost);
    }

    [Fact]
    public void Overflow_is_an_error_not_a_wrap()
    {
        Assert.False(CostCalculator.TryResolve(CostCalculator.MaxQuantity, 1_000_000_000_000m, 0, out _));
        Assert.False(CostCalculator.TryResolve(10m, long.MaxValue, 0, out _));
    }

    [Fact]
    public void Resolved_cost_is_never_below_the_exact_product_and_less_than_one_unit_above() =>
        Gen.Select(Gen.Int[1, 1_000_000], Gen.Int[0, 4], Gen.Int[0, 10_000_000], Gen.Int[0, 6])
            .Sample((q, qScale, c, cScale) =>
            {
                var quantity = q / (decimal)Math.Pow(10, qScale);
                var perUnit = c / (decimal)Math.Pow(10, cScale);
                var exact = quantity * perUnit;
                return CostCalculator.TryResolve(quantity, perUnit, 0, out var cost) && cost >= exact && cost - exact < 1;
            });

    [Fact]
    public void Amounts_of_two_currencies_do_not_mix()
    {
        var credits = new CreditAmount("ccur_a", 10);
        var dollars = new CreditAmount("ccur_b", 10);

        var error = Assert.Throws<CurrencyMismatchException>(() => credits + dollars);
        Assert.Equal("ccur_a", error.Left);
        Assert.Throws<CurrencyMismatchException>(() => credits < dollars);
        Assert.Equal(new CreditAmount("ccur_a", 25), credits + new CreditAmount("ccur_a", 15));
    }

    [Fact]
    public void Amount_arithmetic_is_checked()
    {
        var big = new CreditAmount("ccur_a", long.MaxValue);

        Assert.Throws<OverflowException>(() => big + new CreditAmount("ccur_a", 1));
    }

    [Theory]
    [InlineData("usd", 2)]
    [InlineData("JPY", 0)]
    [InlineData("bhd", 3)]
    public void Fiat_denominations_carry_their_iso_exponent(string code, int exponent)
    {
        Assert.True(Denomination.TryParse(code, out var denomination));
        Assert.Equal(exponent, denomination.IsoExponent);
        Assert.False(denomination.IsUnit);
    }

    [Theory]
    [InlineData("dollars")]
    [InlineData("")]
    [InlineData("xyz")]
    public void Unknown_denominations_are_refused(string code) => Assert.False(Denomination.TryParse(code, out _));
}
