using UnitPay.Core.Analytics;
using UnitPay.Core.AutoTopUp;
using UnitPay.Core.Catalog;
using UnitPay.Core.Customers;
using UnitPay.Core.Ledger;
using UnitPay.Core.Packages;
using UnitPay.Core.TopUps;
using UnitPay.Core.Wallets;

namespace UnitPay.Functions.Portal;

/// <summary>What the portal page shows: the customer's wallets, each on its own terms.</summary>
public sealed record PortalModel(
    string Token,
    Customer Customer,
    string? ReturnUrl,
    DateTimeOffset ExpiresAt,
    string? Notice,
    string? Error,
    IReadOnlyList<PortalWallet> Wallets,
    string FormNonce);

/// <summary>One wallet on the page: its balance, grants, burn and runway, a page of its ledger, its top-ups, what it can buy and its auto top-up rule.</summary>
public sealed record PortalWallet(
    WalletView View,
    CreditCurrency Currency,
    BurnReport Burn,
    IReadOnlyList<LedgerEntry> Ledger,
    string? NextCursor,
    string? TypeFilter,
    IReadOnlyList<TopUpAttempt> TopUps,
    IReadOnlyList<CreditPackage> Packages,
    AutoTopUpRule? Rule);
