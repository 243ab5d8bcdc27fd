namespace UnitPay.Client.Models;

/// <summary>A grant's share of a ledger entry or hold.</summary>
/// <param name="GrantId">The grant.</param>
/// <param name="Amount">Minor units.</param>
public sealed record GrantAmount(
    string GrantId,
    long Amount);
