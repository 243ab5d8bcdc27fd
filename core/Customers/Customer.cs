namespace UnitPay.Core.Customers;

/// <summary>A customer of an organization; <see cref="ExternalId"/> is the caller's own id for it, unique per organization.</summary>
public sealed record Customer
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Email { get; init; }

    public string? ExternalId { get; init; }

    /// <summary><c>charge_automatically</c> (a saved payment method is charged) or <c>send_invoice</c> (purchases become invoice lines).</summary>
    public string CollectionMethod { get; init; } = ChargeAutomatically;

    /// <summary>The saved payment method that off-session charges use; set when the provider confirms a setup (or a paid form that saves it).</summary>
    public string? DefaultPaymentMethodId { get; init; }

    /// <summary>The customer's id at the payment provider, created on first need.</summary>
    public string? ProviderCustomerId { get; init; }

    /// <summary>The provider <see cref="ProviderCustomerId"/> and <see cref="DefaultPaymentMethodId"/> belong to (<c>sandbox</c>, <c>stripe</c>).</summary>
    public string? PaymentProvider { get; init; }

    public const string ChargeAutomatically = "charge_automatically";
    public const string SendInvoice = "send_invoice";

    public required DateTimeOffset CreatedAt { get; init; }
}
