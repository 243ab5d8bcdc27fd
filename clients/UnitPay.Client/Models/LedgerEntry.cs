using System.Text.Json;

namespace UnitPay.Client.Models;

/// <summary>An append-only ledger entry.</summary>
/// <param name="Id"><c>led_…</c></param>
/// <param name="CreditAccountId">The wallet.</param>
/// <param name="Sequence">Its place in the wallet's ledger.</param>
/// <param name="Type"><c>CREDIT</c>, <c>DEBIT</c>, <c>HOLD</c>, <c>RELEASE</c>, <c>EXPIRE</c> or <c>ADJUSTMENT</c>.</param>
/// <param name="Reason">Why (<c>USAGE</c>, <c>MANUAL</c>, …).</param>
/// <param name="Amount">Minor units.</param>
/// <param name="BalanceBefore">Before.</param>
/// <param name="BalanceAfter">After.</param>
/// <param name="Breakdown">Per grant.</param>
/// <param name="FeatureSlug">The feature of a usage entry.</param>
/// <param name="EventId">The usage event.</param>
/// <param name="GrantId">The grant.</param>
/// <param name="HoldId">The hold.</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="Metadata">Extra facts (such as <c>overage</c>).</param>
public sealed record LedgerEntry(
    string Id,
    string CreditAccountId,
    long Sequence,
    string Type,
    string Reason,
    long Amount,
    long BalanceBefore,
    long BalanceAfter,
    IReadOnlyList<GrantAmount> Breakdown,
    string? FeatureSlug,
    string? EventId,
    string? GrantId,
    string? HoldId,
    DateTimeOffset CreatedAt,
    JsonElement? Metadata);
