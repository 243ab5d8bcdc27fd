namespace UnitPay.Core.Wallets;

/// <summary><c>active</c>: grants and deductions; <c>frozen</c>: grants only; <c>closed</c>: nothing.</summary>
public enum WalletStatus
{
    Active,
    Frozen,
    Closed,
}
