namespace UnitPay.Core.Analytics;

/// <summary>
/// How long the credits last at a steady burn. <see cref="RunwayDays"/> is null when nothing is burned or the
/// credits outlast <see cref="HorizonDays"/> (<see cref="BeyondHorizon"/>). <see cref="LostToExpiry"/> is what expires
/// unspent before the credits run out (or before the horizon).
/// </summary>
public sealed record RunwayProjection(decimal? RunwayDays, DateTimeOffset? DepletesAt, bool BeyondHorizon, int HorizonDays, long LostToExpiry);
