namespace UnitPay.Client.Models;

/// <summary>What a plan grants each cycle (or day, or once).</summary>
/// <param name="CreditCurrencyId">The currency.</param>
/// <param name="Amount">Minor units.</param>
/// <param name="Cadence"><c>per_cycle</c>, <c>daily</c> or <c>once</c>.</param>
/// <param name="Priority">Lower is spent first.</param>
/// <param name="ExpiresAfter">ISO-8601 duration (<c>P7D</c>, <c>P1M</c>).</param>
/// <param name="Rollover">Rollover of what is left.</param>
public sealed record CreditGrantRule(
    string CreditCurrencyId,
    long Amount,
    string Cadence,
    int? Priority = null,
    string? ExpiresAfter = null,
    RolloverPolicy? Rollover = null);
