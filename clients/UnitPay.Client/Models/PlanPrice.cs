namespace UnitPay.Client.Models;

/// <summary>A plan's price per interval.</summary>
/// <param name="Amount">Minor units (0 for a free plan).</param>
/// <param name="Currency">ISO-4217 code.</param>
/// <param name="Interval"><c>month</c> or <c>year</c>.</param>
public sealed record PlanPrice(
    long Amount,
    string? Currency,
    string Interval);
