using UnitPay.Core.Results;

namespace UnitPay.Core.Money;

/// <summary>
/// The largest amounts the engine accepts, in minor units, checked before any arithmetic. They leave headroom under
/// <see cref="long.MaxValue"/> (about 9.2 x 10^18) so that no sum the engine forms can overflow: a wallet's open grants
/// hold at most <see cref="MaxBalance"/> plus its deficit (at most <see cref="MaxOverageLimit"/>), and one more grant
/// adds at most <see cref="MaxGrant"/>, which together stay below 2^63.
/// <list type="bullet">
/// <item><see cref="MaxGrant"/>, <see cref="MaxTopUp"/>: 10^15 per grant (manual, plan rule, rollover, package) and per
/// top-up: ten trillion dollars in cents, a quadrillion unit credits.</item>
/// <item><see cref="MaxBalance"/>: 2^62 per wallet; a grant that would pass it is refused (400 naming the amount), nothing written.</item>
/// <item><see cref="MaxOverageLimit"/>: 10^15, the deepest deficit any currency may allow.</item>
/// <item><see cref="MaxCharge"/>: one usage cost or hold resolves to at most 2^62 (no wallet could pay more).</item>
/// <item><see cref="MaxQuantity"/> and <see cref="MaxCostPerUnit"/>: 10^12 each per event and per feature cost.</item>
/// </list>
/// </summary>
public static class AmountLimits
{
    public const long MaxGrant = 1_000_000_000_000_000;

    public const long MaxTopUp = 1_000_000_000_000_000;

    public const long MaxBalance = 1L << 62;

    public const long MaxOverageLimit = 1_000_000_000_000_000;

    public const long MaxCharge = 1L << 62;

    public const decimal MaxQuantity = 1_000_000_000_000m;

    public const decimal MaxCostPerUnit = 1_000_000_000_000m;

    /// <summary>Checks a grant amount as a caller sent it; null when it is 1 to <see cref="MaxGrant"/>.</summary>
    public static Failure? ValidateGrant(string field, long amount) =>
        amount is > 0 and <= MaxGrant ? null : Failure.Validation(field, $"{field} must be a positive integer of minor units, at most {MaxGrant}.");

    /// <summary>Checks a top-up amount as a caller sent it; null when it is 1 to <see cref="MaxTopUp"/>.</summary>
    public static Failure? ValidateTopUp(string field, long amount) =>
        amount is > 0 and <= MaxTopUp ? null : Failure.Validation(field, $"{field} must be a positive integer of minor units, at most {MaxTopUp}.");

    /// <summary>True when a wallet at <paramref name="balance"/> can take <paramref name="credit"/> more without passing <see cref="MaxBalance"/>.</summary>
    public static bool FitsBalance(long balance, long credit) => (Int128)balance + credit <= MaxBalance;
}
