using UnitPay.Client.Models;

namespace UnitPay.Client;

/// <content>Customers and their payment methods.</content>
public sealed partial class UnitPayClient
{
    /// <summary><c>POST /v1/customers</c>.</summary>
    public Task<Customer> CreateCustomerAsync(CreateCustomerRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<Customer>("customers", request ?? throw new ArgumentNullException(nameof(request)), cancellationToken);

    /// <summary><c>GET /v1/customers/{id}</c>, by <c>cus_</c> id or external id.</summary>
    public Task<Customer> GetCustomerAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<Customer>("customers/" + Escape(id), cancellationToken);

    /// <summary><c>POST /v1/customers/{id}/payment-methods/setup</c>: a form that saves a payment method (its confirmation makes it the default).</summary>
    public Task<PaymentMethodSetup> SetupPaymentMethodAsync(string customerId, CancellationToken cancellationToken = default) =>
        PostAsync<PaymentMethodSetup>("customers/" + Escape(customerId) + "/payment-methods/setup", null, cancellationToken);

    /// <summary><c>POST /v1/customers/{id}/default-payment-method</c>: the saved method off-session charges use.</summary>
    public Task<Customer> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, CancellationToken cancellationToken = default) =>
        PostAsync<Customer>("customers/" + Escape(customerId) + "/default-payment-method", new { paymentMethodId }, cancellationToken);
}
