using UnitPay.Core.Payments;
using UnitPay.Core.Results;

namespace UnitPay.Core.Tests.TopUps;

/// <summary>
/// A fault at the provider boundary: the first off-session charge is really made at the wrapped provider, then the
/// caller "crashes" before it can act on the answer, as a process killed between charge and grant would.
/// </summary>
public sealed class CrashAfterCharge
{
    private int _crashes;

    public IPaymentProvider Around(IPaymentProvider inner) => new Wrapper(inner, this);

    private sealed class Wrapper(IPaymentProvider inner, CrashAfterCharge owner) : IPaymentProvider
    {
        public string Name => inner.Name;

        public Task<string> EnsureCustomerAsync(ProviderCustomerRequest request, CancellationToken cancellationToken) => inner.EnsureCustomerAsync(request, cancellationToken);

        public async Task<ChargeResult> ChargeOffSessionAsync(ChargeRequest request, CancellationToken cancellationToken)
        {
            var result = await inner.ChargeOffSessionAsync(request, cancellationToken);
            if (Interlocked.Increment(ref owner._crashes) == 1)
            {
                throw new InvalidOperationException("Crashed after the charge, before the grant.");
            }

            return result;
        }

        public Task<PaymentForm> StartPaymentFormAsync(ChargeRequest request, CancellationToken cancellationToken) => inner.StartPaymentFormAsync(request, cancellationToken);

        public Task<PaymentForm> StartSetupFormAsync(SetupFormRequest request, CancellationToken cancellationToken) => inner.StartSetupFormAsync(request, cancellationToken);

        public Outcome<IReadOnlyList<PaymentConfirmation>> ParseWebhook(string rawBody, IReadOnlyDictionary<string, string> headers) => inner.ParseWebhook(rawBody, headers);
    }
}
