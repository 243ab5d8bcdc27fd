namespace UnitPay.Core.Usage;

/// <summary>
/// Where a tracked event stands: <c>pending</c> (not processed yet), <c>applied</c> or <c>rejected</c>, with its
/// outcome on each wallet it touched.
/// </summary>
public sealed record EventStatus(string EventId, string Status, string? Reason, IReadOnlyList<string> LedgerEntryIds, IReadOnlyList<EventWalletOutcome> Wallets);

/// <summary>An event's outcome on one wallet.</summary>
public sealed record EventWalletOutcome(string CreditAccountId, string CreditCurrencyId, string Status, string? Reason, long Amount, string? LedgerEntryId);
