using Microsoft.Extensions.Logging;
using UnitPay.Core.Payments.Sandbox;
using UnitPay.Core.Payments.Stripe;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Payments;

/// <summary>Builds the adapter the options name (<c>UNITPAY_PAYMENT_PROVIDER</c>: <c>sandbox</c>, the default, or <c>stripe</c>).</summary>
public static class PaymentProviders
{
    public static IPaymentProvider Create(PaymentOptions options, StorageAccount storage, TimeProvider clock, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        options.Validate();
        return options.Provider == PaymentOptions.Stripe
            ? new StripePaymentProvider(options, clock, loggers.CreateLogger<StripePaymentProvider>())
            : new SandboxPaymentProvider(storage, options, clock, loggers.CreateLogger<SandboxPaymentProvider>());
    }
}
