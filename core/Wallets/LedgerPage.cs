using UnitPay.Core.Ledger;

namespace UnitPay.Core.Wallets;

/// <summary>A page of ledger entries, newest first, each with the wallet it belongs to.</summary>
public sealed record LedgerPage(IReadOnlyList<(string WalletId, LedgerEntry Entry)> Entries, string? NextCursor);
