namespace UnitPay.Client.Models;

/// <summary><c>POST /v1/customers</c>.</summary>
/// <param name="Name">Display name (1 to 200 characters).</param>
/// <param name="Email">Email address.</param>
/// <param name="ExternalId">The caller's own id, unique per organization.</param>
/// <param name="CollectionMethod"><c>charge_automatically</c> (default) or <c>send_invoice</c>.</param>
/// <param name="DefaultPaymentMethod">A saved payment method (<c>pm_…</c>).</param>
public sealed record CreateCustomerRequest(
    string Name,
    string? Email = null,
    string? ExternalId = null,
    string? CollectionMethod = null,
    string? DefaultPaymentMethod = null);
