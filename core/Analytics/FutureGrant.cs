namespace UnitPay.Core.Analytics;

/// <summary>
/// Credits the runway counts on: an open grant's free credits now, or a grant a subscription will issue at
/// <see cref="EffectiveAt"/>. Spent in the engine's order (priority, then expiry, then effective time, then id);
/// whatever is left at <see cref="ExpiresAt"/> is lost.
/// </summary>
public sealed record FutureGrant(string Id, long Amount, int Priority, DateTimeOffset EffectiveAt, DateTimeOffset? ExpiresAt);
