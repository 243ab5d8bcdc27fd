namespace UnitPay.Client.Models;

/// <summary>A customer, addressable by its <c>cus_</c> id or by the caller's <see cref="ExternalId"/>.</summary>
/// <param name="Id"><c>cus_…</c></param>
/// <param name="Name">Display name.</param>
/// <param name="Email">Email address.</param>
/// <param name="ExternalId">The caller's own id.</param>
/// <param name="CollectionMethod"><c>charge_automatically</c> or <c>send_invoice</c>.</param>
/// <param name="DefaultPaymentMethodId">The saved payment method off-session charges use.</param>
/// <param name="PaymentProvider">The provider that holds the customer's payment methods.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record Customer(
    string Id,
    string Name,
    string? Email,
    string? ExternalId,
    string CollectionMethod,
    string? DefaultPaymentMethodId,
    string? PaymentProvider,
    DateTimeOffset CreatedAt);
