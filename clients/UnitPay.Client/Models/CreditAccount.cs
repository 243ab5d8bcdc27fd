namespace UnitPay.Client.Models;

/// <summary>A wallet: one customer's credits in one credit currency.</summary>
/// <param name="Id"><c>cacc_…</c></param>
/// <param name="CustomerId">The customer.</param>
/// <param name="CreditCurrencyId">The currency.</param>
/// <param name="Currency">The currency's details.</param>
/// <param name="Status"><c>active</c> or <c>frozen</c>.</param>
/// <param name="Balance">Open grants' remaining less the deficit.</param>
/// <param name="Reserved">Held.</param>
/// <param name="Available">Balance less reserved.</param>
/// <param name="Deficit">Usage beyond the grants (overage).</param>
/// <param name="Grants">Open grants.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="LowBalanceThreshold">Where <c>credit.balance_low</c> fires (null: none).</param>
public sealed record CreditAccount(
    string Id,
    string CustomerId,
    string CreditCurrencyId,
    CreditAccountCurrency? Currency,
    string Status,
    long Balance,
    long Reserved,
    long Available,
    long Deficit,
    IReadOnlyList<CreditGrant> Grants,
    DateTimeOffset CreatedAt,
    long? LowBalanceThreshold = null);
