namespace UnitPay.Core.Ledger;

/// <summary>What an entry does to the balance: CREDIT raises it, DEBIT and EXPIRE lower it, HOLD and RELEASE move <c>reserved</c>.</summary>
public enum LedgerEntryType
{
    Credit,
    Debit,
    Hold,
    Release,
    Expire,
    Adjustment,
}
