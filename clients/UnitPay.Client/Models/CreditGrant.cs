namespace UnitPay.Client.Models;

/// <summary>A grant of credits into a wallet, spent FIFO by priority.</summary>
/// <param name="Id"><c>grant_…</c></param>
/// <param name="CreditAccountId">The wallet.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="CreditCurrencyId">The currency.</param>
/// <param name="Source"><c>manual</c>, <c>promotional</c>, <c>plan</c>, <c>package</c>, <c>topup</c>, ….</param>
/// <param name="Amount">Granted.</param>
/// <param name="Remaining">Left.</param>
/// <param name="Held">Earmarked by holds.</param>
/// <param name="Priority">Lower is spent first.</param>
/// <param name="EffectiveAt">From when it counts.</param>
/// <param name="ExpiresAt">When what is left expires.</param>
/// <param name="Status"><c>active</c>, <c>expired</c>, <c>voided</c>, ….</param>
/// <param name="ParentGrantId">The grant it rolled over from.</param>
/// <param name="RolloverCount">How many times it rolled over.</param>
/// <param name="Reason">Why it was granted.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="LedgerEntryId">The ledger entry of this change.</param>
public sealed record CreditGrant(
    string Id,
    string CreditAccountId,
    string? CustomerId,
    string? CreditCurrencyId,
    string Source,
    long Amount,
    long Remaining,
    long Held,
    int Priority,
    DateTimeOffset? EffectiveAt,
    DateTimeOffset? ExpiresAt,
    string Status,
    string? ParentGrantId,
    int RolloverCount,
    string? Reason,
    DateTimeOffset CreatedAt,
    string? LedgerEntryId);
