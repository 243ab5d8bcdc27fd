using UnitPay.Core.Grants;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Subscriptions;

/// <summary>What one wallet's cycle transition did.</summary>
/// <param name="RolledOver">Credits moved into new rollover grants.</param>
/// <param name="Forfeited">Credits lost at the cycle's end (ROLLOVER_FORFEIT, or EXPIRATION when the subscription ended).</param>
/// <param name="Issued">Grants issued by this transition (rollover grants included).</param>
/// <param name="AlreadyIssued">Grants of this step that the wallet already holds (a re-run).</param>
/// <param name="Overage">The deficit the ending cycle's reset cleared (forgiven or invoiced), if any.</param>
public sealed record CycleTransitionResult(long RolledOver, long Forfeited, IReadOnlyList<Grant> Issued, IReadOnlyList<string> AlreadyIssued, OverageSettlement? Overage = null);
