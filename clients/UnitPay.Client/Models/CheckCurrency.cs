namespace UnitPay.Client.Models;

/// <summary>A check's answer in one credit currency.</summary>
/// <param name="CreditCurrencyId">The currency.</param>
/// <param name="CreditAccountId">The wallet, when one exists.</param>
/// <param name="Access">Covered in this currency.</param>
/// <param name="Balance">Balance.</param>
/// <param name="Available">Balance less holds.</param>
/// <param name="Required">What the usage would cost.</param>
public sealed record CheckCurrency(
    string CreditCurrencyId,
    string? CreditAccountId,
    bool Access,
    long Balance,
    long Available,
    long Required);
