namespace UnitPay.Core.Wallets;

/// <summary>A change was asked of a wallet that does not exist. Callers create wallets first (<see cref="WalletEngine.EnsureWalletAsync"/>).</summary>
public sealed class WalletNotFoundException : InvalidOperationException
{
    public WalletNotFoundException(string walletId)
        : base($"Wallet {walletId} does not exist.") => WalletId = walletId;

    public WalletNotFoundException()
    {
        WalletId = string.Empty;
    }

    public WalletNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        WalletId = string.Empty;
    }

    public string WalletId { get; }
}
