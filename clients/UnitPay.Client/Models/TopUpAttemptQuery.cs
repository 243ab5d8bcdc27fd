namespace UnitPay.Client.Models;

/// <summary>Filters of <c>GET /v1/top-up-attempts</c> (newest first).</summary>
/// <param name="CustomerId"><c>cus_</c> id or external id.</param>
/// <param name="CurrencyId">A credit currency.</param>
/// <param name="Status">An attempt status.</param>
/// <param name="TriggerSource">What started it.</param>
/// <param name="PageSize">Attempts per page.</param>
public sealed record TopUpAttemptQuery(
    string? CustomerId = null,
    string? CurrencyId = null,
    string? Status = null,
    string? TriggerSource = null,
    int? PageSize = null);
