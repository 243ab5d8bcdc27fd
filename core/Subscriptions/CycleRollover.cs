using UnitPay.Core.Plans;

namespace UnitPay.Core.Subscriptions;

/// <summary>
/// What becomes of a rule's grants that await rollover when their cycle ends: they roll over into grants expiring at
/// <paramref name="RolloverExpiresAt"/>, or, when that is null (the subscription ends), they simply expire.
/// </summary>
/// <param name="SourceRef">The rule's grants (every grant of one subscription rule carries it, rollover grants included).</param>
/// <param name="Policy">The rule's rollover policy.</param>
/// <param name="RolloverExpiresAt">When the new rollover grants expire; null when the subscription ends here.</param>
/// <param name="RollsAgain">True when the new rollover grants expire at the next cycle's end, where they may roll over again.</param>
public sealed record CycleRollover(string SourceRef, RolloverPolicy Policy, DateTimeOffset? RolloverExpiresAt, bool RollsAgain);
