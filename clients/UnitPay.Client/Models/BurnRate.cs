namespace UnitPay.Client.Models;

/// <summary>One wallet's consumption over a window, its average daily burn and its runway (<c>GET /v1/usage/burn-rate</c>). Amounts in the wallet's minor units.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="CreditAccountId">The wallet.</param>
/// <param name="CreditCurrencyId">The currency.</param>
/// <param name="Denomination"><c>unit</c> or an ISO-4217 code.</param>
/// <param name="MinorUnitScale">Decimal places of the currency.</param>
/// <param name="Window">Such as <c>30d</c>.</param>
/// <param name="WindowStart">Midnight (UTC) of the window's first day.</param>
/// <param name="AsOf">When it was computed.</param>
/// <param name="Balance">The balance now.</param>
/// <param name="Available">Balance minus reserved, now.</param>
/// <param name="TotalConsumed">Consumed in the window.</param>
/// <param name="AverageDailyBurn">TotalConsumed over the window's days.</param>
/// <param name="Daily">Day by day.</param>
/// <param name="Runway">How long the credits last at that burn.</param>
/// <param name="Features">Per feature.</param>
/// <param name="EntriesRead">Ledger entries the read walked.</param>
public sealed record BurnRate(
    string CustomerId,
    string CreditAccountId,
    string CreditCurrencyId,
    string Denomination,
    int MinorUnitScale,
    string Window,
    DateTimeOffset WindowStart,
    DateTimeOffset AsOf,
    long Balance,
    long Available,
    long TotalConsumed,
    decimal AverageDailyBurn,
    IReadOnlyList<DailyBurn> Daily,
    Runway Runway,
    IReadOnlyList<FeatureBurn> Features,
    int EntriesRead);

/// <summary>What was consumed on one UTC day.</summary>
/// <param name="Date">The day.</param>
/// <param name="Amount">Minor units.</param>
public sealed record DailyBurn(DateOnly Date, long Amount);

/// <summary>One feature's consumption; its runway is the runway if it were the only consumer.</summary>
/// <param name="FeatureSlug">Null for consumption naming no feature.</param>
/// <param name="TotalConsumed">In the window.</param>
/// <param name="AverageDailyBurn">Per day.</param>
/// <param name="Daily">Day by day.</param>
/// <param name="Runway">At this feature's burn alone.</param>
public sealed record FeatureBurn(string? FeatureSlug, long TotalConsumed, decimal AverageDailyBurn, IReadOnlyList<DailyBurn> Daily, Runway Runway);

/// <summary>How long the credits last at a burn, counting scheduled cycle grants and expiries.</summary>
/// <param name="Days">Null when nothing is burned or beyond the horizon.</param>
/// <param name="DepletesAt">When they run out.</param>
/// <param name="BeyondHorizon">They outlast <paramref name="HorizonDays"/>.</param>
/// <param name="HorizonDays">How far ahead it looks.</param>
/// <param name="LostToExpiry">Credits that expire unspent first.</param>
/// <param name="ScheduledGrants">Scheduled grants counted.</param>
public sealed record Runway(decimal? Days, DateTimeOffset? DepletesAt, bool BeyondHorizon, int HorizonDays, long LostToExpiry, int ScheduledGrants);
