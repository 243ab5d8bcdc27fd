namespace UnitPay.Client.Models;

/// <summary>What happened to a tracked event (<c>GET /v1/usage/events/{id}</c>).</summary>
/// <param name="EventId"><c>evt_…</c></param>
/// <param name="Status"><c>pending</c>, <c>applied</c> or <c>rejected</c>.</param>
/// <param name="Reason">Why it was rejected.</param>
/// <param name="LedgerEntryIds">Its ledger entries.</param>
/// <param name="Wallets">Its outcome per wallet.</param>
public sealed record UsageEventStatus(
    string EventId,
    string Status,
    string? Reason,
    IReadOnlyList<string> LedgerEntryIds,
    IReadOnlyList<UsageEventWalletOutcome> Wallets);
