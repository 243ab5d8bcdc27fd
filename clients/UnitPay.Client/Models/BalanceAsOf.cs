namespace UnitPay.Client.Models;

/// <summary>A wallet as its ledger stood at an instant (<c>GET /v1/credit-accounts/{id}/balance?asOf=</c>).</summary>
/// <param name="CreditAccountId">The wallet.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="CreditCurrencyId">The currency.</param>
/// <param name="AsOf">The instant.</param>
/// <param name="Balance">The balance after the last entry at or before it.</param>
/// <param name="Reserved">Held by open reservations then.</param>
/// <param name="Available">Balance minus reserved.</param>
/// <param name="LastSequence">The last entry at or before it (0: none).</param>
/// <param name="LastEntryId">Its id.</param>
/// <param name="LastEntryAt">Its time.</param>
/// <param name="Grants">Grants holding credits then, in spending order.</param>
/// <param name="EntriesRead">Ledger entries walked.</param>
public sealed record BalanceAsOf(
    string CreditAccountId,
    string CustomerId,
    string CreditCurrencyId,
    DateTimeOffset AsOf,
    long Balance,
    long Reserved,
    long Available,
    long LastSequence,
    string? LastEntryId,
    DateTimeOffset? LastEntryAt,
    IReadOnlyList<GrantAsOf> Grants,
    int EntriesRead);

/// <summary>A grant as it stood at the instant.</summary>
/// <param name="Id"><c>grant_…</c></param>
/// <param name="Source">Where it came from.</param>
/// <param name="Amount">Granted.</param>
/// <param name="Remaining">Left then.</param>
/// <param name="Held">Earmarked by holds then.</param>
/// <param name="Priority">Lower is spent first.</param>
/// <param name="EffectiveAt">From when it counts.</param>
/// <param name="ExpiresAt">When it expires.</param>
/// <param name="Expired">Past its expiry then, its EXPIRE entry not yet written.</param>
public sealed record GrantAsOf(string Id, string Source, long Amount, long Remaining, long Held, int Priority, DateTimeOffset EffectiveAt, DateTimeOffset? ExpiresAt, bool Expired);
