using UnitPay.Core.Results;

namespace UnitPay.Core.Payments;

/// <summary>
/// The port to a payment service provider (PSP). Two adapters: <see cref="Sandbox.SandboxPaymentProvider"/> (a PSP's
/// test mode, the default) and <see cref="Stripe.StripePaymentProvider"/>, chosen by <see cref="PaymentOptions.Provider"/>.
/// <para>
/// Every call that creates something at the provider carries an idempotency key: the same key always names the same
/// customer, charge or form there, however often it is sent. Settled results reach the engine as signed webhooks
/// (<see cref="ParseWebhook"/>), which <see cref="PaymentWebhookService"/> applies; the synchronous answers are a
/// fast path that the webhook confirms, never a second source of credits.
/// </para>
/// Expected outcomes (a decline, a form to complete) are values; a provider that does not answer throws
/// <see cref="PaymentProviderUnavailableException"/>.
/// </summary>
public interface IPaymentProvider
{
    /// <summary><c>sandbox</c> or <c>stripe</c>.</summary>
    string Name { get; }

    /// <summary>Creates the provider's customer for ours (once per idempotency key) and returns its id.</summary>
    Task<string> EnsureCustomerAsync(ProviderCustomerRequest request, CancellationToken cancellationToken);

    /// <summary>Charges a saved payment method with the customer away (off-session), now.</summary>
    Task<ChargeResult> ChargeOffSessionAsync(ChargeRequest request, CancellationToken cancellationToken);

    /// <summary>Starts a charge that the customer completes in a payment form (and that saves the method used for later charges).</summary>
    Task<PaymentForm> StartPaymentFormAsync(ChargeRequest request, CancellationToken cancellationToken);

    /// <summary>Starts a form that saves a payment method without charging (a SetupIntent).</summary>
    Task<PaymentForm> StartSetupFormAsync(SetupFormRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Verifies a webhook's signature against the raw body and parses the confirmations it carries. A bad or missing
    /// signature is <see cref="FailureCodes.WebhookSignatureInvalid"/>; an event of a type the engine does not use parses
    /// to no confirmation.
    /// </summary>
    Outcome<IReadOnlyList<PaymentConfirmation>> ParseWebhook(string rawBody, IReadOnlyDictionary<string, string> headers);
}
