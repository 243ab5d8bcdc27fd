using UnitPay.Core.Ledger;

namespace UnitPay.Core.Wallets;

/// <summary>A deficit cleared at a cycle reset: how (<c>forgive_at_reset</c> or <c>invoice_at_billing</c>), how much, and its ledger entry.</summary>
public sealed record OverageSettlement(string Behavior, long Amount, LedgerEntry Entry);
