namespace UnitPay.Client.Models;

/// <summary>How much of a cycle's grant rolls into the next.</summary>
/// <param name="Percentage">Of what is left, rounded down.</param>
/// <param name="MaxCount">Times in a row (default 1).</param>
/// <param name="ExpiresAfter">ISO-8601 duration of the rolled-over grant.</param>
public sealed record RolloverPolicy(
    int Percentage,
    int? MaxCount = null,
    string? ExpiresAfter = null);
