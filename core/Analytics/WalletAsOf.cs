using UnitPay.Core.Grants;

namespace UnitPay.Core.Analytics;

/// <summary>
/// A wallet as its ledger stood at an instant. <see cref="Balance"/> is the balance after the last entry at or before
/// that instant (0 before the first). <see cref="Grants"/> are the grants that held credits then, each with what it
/// held (<see cref="Grant.Remaining"/>); a grant past its expiry whose EXPIRE entry had not been written yet is listed
/// too (the expiry timer writes it). <see cref="EntriesRead"/> is how many entries were walked to get here.
/// </summary>
public sealed record WalletAsOf(
    DateTimeOffset AsOf,
    long Balance,
    long Reserved,
    long LastSequence,
    DateTimeOffset? LastEntryAt,
    IReadOnlyList<Grant> Grants,
    int EntriesRead)
{
    public long Available => Balance - Reserved;
}
