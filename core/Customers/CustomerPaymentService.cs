using Microsoft.Extensions.Logging;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Payments;
using UnitPay.Core.Results;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Customers;

/// <summary>
/// A customer's payment state: their customer at the provider and their default payment method. Every change of the
/// customer row is ETag-guarded (a lost race re-reads and re-applies through the concurrency pipeline).
/// </summary>
public sealed partial class CustomerPaymentService(CustomerStore customers, IPaymentProvider provider, TimeProvider clock, ILogger<CustomerPaymentService> logger)
{
    private readonly Polly.ResiliencePipeline _concurrency = StorageResilience.OptimisticConcurrency(clock, maxAttempts: 10);

    /// <summary>
    /// <c>POST /v1/customers/{id}/payment-methods/setup</c>: starts a form that saves a payment method (a SetupIntent) and
    /// answers what the browser needs. When the provider confirms it (<c>setup_intent.succeeded</c>), the method becomes
    /// the customer's default. 404 for an unknown customer.
    /// </summary>
    public async Task<Outcome<PaymentSetup>> StartSetupAsync(string orgId, string customerId, CancellationToken cancellationToken)
    {
        var customer = await customers.FindAsync(orgId, customerId, cancellationToken);
        if (customer is null)
        {
            return Failure.NotFound("Customer " + customerId);
        }

        var providerCustomerId = await EnsureProviderCustomerAsync(orgId, customer, cancellationToken);
        var form = await provider.StartSetupFormAsync(
            new SetupFormRequest
            {
                IdempotencyKey = Ids.New("setup", clock),
                ProviderCustomerId = providerCustomerId,
                Metadata = PaymentMetadata.For(orgId, PaymentMetadata.SetupPurpose, customer.Id, customer.Id),
            },
            cancellationToken);
        return new PaymentSetup(form.ClientSecret, form.IntentId, provider.Name);
    }

    /// <summary>The customer's id at the provider, created (once: the idempotency key is the customer) and recorded on first need.</summary>
    public async Task<string> EnsureProviderCustomerAsync(string orgId, Customer customer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.ProviderCustomerId is { } known && customer.PaymentProvider == provider.Name)
        {
            return known;
        }

        var id = await provider.EnsureCustomerAsync(
            new ProviderCustomerRequest
            {
                IdempotencyKey = "customer-" + orgId + "-" + customer.Id,
                Name = customer.Name,
                Email = customer.Email,
                Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [PaymentMetadata.OrgId] = orgId, [PaymentMetadata.CustomerId] = customer.Id },
            },
            cancellationToken);
        await UpdateAsync(orgId, customer.Id, c => c.ProviderCustomerId == id && c.PaymentProvider == provider.Name
            ? null
            : c with { ProviderCustomerId = id, PaymentProvider = provider.Name, DefaultPaymentMethodId = c.PaymentProvider == provider.Name ? c.DefaultPaymentMethodId : null }, cancellationToken);
        return id;
    }

    /// <summary>Makes <paramref name="paymentMethodId"/> the customer's default (what the provider confirmed was saved). Idempotent.</summary>
    public async Task<Outcome<Customer>> SetDefaultPaymentMethodAsync(string orgId, string customerId, string paymentMethodId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paymentMethodId);
        var customer = await customers.FindAsync(orgId, customerId, cancellationToken);
        if (customer is null)
        {
            return Failure.NotFound("Customer " + customerId);
        }

        var updated = await UpdateAsync(orgId, customer.Id, c => c.DefaultPaymentMethodId == paymentMethodId && c.PaymentProvider == provider.Name
            ? null
            : c with { DefaultPaymentMethodId = paymentMethodId, PaymentProvider = provider.Name }, cancellationToken);
        LogDefaultPaymentMethod(logger, customer.Id, paymentMethodId);
        return updated;
    }

    /// <summary>Reads, changes (null: nothing to change) and replaces the customer under its ETag, re-reading on a lost race.</summary>
    private async Task<Customer> UpdateAsync(string orgId, string customerId, Func<Customer, Customer?> change, CancellationToken cancellationToken) =>
        await _concurrency.ExecuteAsync(async ct =>
        {
            var (current, etag) = await customers.ReadAsync(orgId, customerId, ct)
                ?? throw new InvalidOperationException($"Customer {customerId} disappeared.");
            if (change(current) is not { } changed)
            {
                return current;
            }

            await customers.ReplaceAsync(orgId, changed, etag, ct);
            return changed;
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer {CustomerId}: default payment method is now {PaymentMethodId}")]
    private static partial void LogDefaultPaymentMethod(ILogger logger, string customerId, string paymentMethodId);
}
