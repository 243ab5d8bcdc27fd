namespace UnitPay.Client.Models;

/// <summary>An amount of money in minor units of an ISO-4217 currency (<c>{amount: 1500, currency: "usd"}</c> is $15.00).</summary>
/// <param name="Amount">Minor units (cents for usd).</param>
/// <param name="Currency">The ISO-4217 code, lowercase.</param>
public sealed record Money(
    long Amount,
    string Currency);
