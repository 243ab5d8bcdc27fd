namespace UnitPay.Client.Models;

/// <summary>What one event did to one wallet.</summary>
/// <param name="CreditAccountId">The wallet.</param>
/// <param name="CreditCurrencyId">Its currency.</param>
/// <param name="Status"><c>applied</c> or <c>rejected</c>.</param>
/// <param name="Reason">Why it was rejected.</param>
/// <param name="Amount">Minor units deducted.</param>
/// <param name="LedgerEntryId">The deduction's ledger entry.</param>
public sealed record UsageEventWalletOutcome(
    string CreditAccountId,
    string CreditCurrencyId,
    string Status,
    string? Reason,
    long Amount,
    string? LedgerEntryId);
