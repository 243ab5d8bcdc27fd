using System.Net;
using Microsoft.Extensions.Logging;
using Stripe;
using UnitPay.Core.Results;

namespace UnitPay.Core.Payments.Stripe;

/// <summary>
/// The Stripe adapter, through Stripe.net: Customers, off-session PaymentIntents (<c>confirm</c>, <c>off_session</c>, the
/// default payment method) for saved methods, on-session PaymentIntents that save the method (<c>setup_future_usage</c>)
/// for payment forms, SetupIntents for "save a payment method", and webhooks verified with Stripe's signature scheme
/// (<c>Stripe-Signature</c>, <see cref="EventUtility.ConstructEvent(string, string, string, long, long, bool)"/>). Every
/// create carries the engine's idempotency key as Stripe's <c>Idempotency-Key</c>. A decline is an answer (402 with
/// <c>card_declined</c>); an authentication the customer must complete (<c>authentication_required</c>) answers the
/// PaymentIntent's client secret; no answer, a connection failure or a 5xx throws <see cref="PaymentProviderUnavailableException"/>.
/// </summary>
public sealed partial class StripePaymentProvider : IPaymentProvider
{
    public const string SignatureHeader = "Stripe-Signature";

    private readonly PaymentOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<StripePaymentProvider> _logger;
    private readonly CustomerService _customers;
    private readonly PaymentIntentService _paymentIntents;
    private readonly SetupIntentService _setupIntents;

    public StripePaymentProvider(PaymentOptions options, TimeProvider clock, ILogger<StripePaymentProvider> logger, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _clock = clock;
        _logger = logger;
        var client = new StripeClient(
            apiKey: options.StripeSecretKey,
            httpClient: new SystemNetHttpClient(httpClient ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, maxNetworkRetries: 2),
            apiBase: options.StripeApiBase?.ToString().TrimEnd('/'));
        _customers = new CustomerService(client);
        _paymentIntents = new PaymentIntentService(client);
        _setupIntents = new SetupIntentService(client);
    }

    public string Name => PaymentOptions.Stripe;

    public async Task<string> EnsureCustomerAsync(ProviderCustomerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var customer = await CallAsync(() => _customers.CreateAsync(
            new CustomerCreateOptions { Name = request.Name, Email = request.Email, Metadata = new Dictionary<string, string>(request.Metadata) },
            Idempotent(request.IdempotencyKey),
            cancellationToken));
        return customer.Id;
    }

    public async Task<ChargeResult> ChargeOffSessionAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new PaymentIntentCreateOptions
        {
            Amount = request.Amount,
            Currency = request.Currency,
            Customer = request.ProviderCustomerId,
            PaymentMethod = request.PaymentMethodId,
            Confirm = true,
            OffSession = true,
            Description = request.Description,
            Metadata = new Dictionary<string, string>(request.Metadata),
        };
        try
        {
            var intent = await _paymentIntents.CreateAsync(options, Idempotent(request.IdempotencyKey), cancellationToken);
            return ToResult(intent);
        }
        catch (StripeException e) when (e.StripeError?.Type == "card_error" || e.HttpStatusCode == HttpStatusCode.PaymentRequired)
        {
            var intent = e.StripeError?.PaymentIntent;
            LogDeclined(_logger, request.IdempotencyKey, e.StripeError?.Code);
            if (e.StripeError?.Code == "authentication_required" && intent?.ClientSecret is { } secret)
            {
                return new ChargeResult { Status = ChargeStatus.RequiresAction, PaymentId = intent.Id, ClientSecret = secret, ErrorCode = e.StripeError.Code, ErrorMessage = e.StripeError.Message };
            }

            return new ChargeResult
            {
                Status = ChargeStatus.Failed,
                PaymentId = intent?.Id,
                ErrorCode = e.StripeError?.DeclineCode ?? e.StripeError?.Code ?? "card_declined",
                ErrorMessage = e.StripeError?.Message,
            };
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw new PaymentProviderUnavailableException($"Stripe did not answer the charge {request.IdempotencyKey}.", e);
        }
    }

    public async Task<PaymentForm> StartPaymentFormAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var intent = await CallAsync(() => _paymentIntents.CreateAsync(
            new PaymentIntentCreateOptions
            {
                Amount = request.Amount,
                Currency = request.Currency,
                Customer = request.ProviderCustomerId,
                SetupFutureUsage = "off_session",
                AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true },
                Description = request.Description,
                Metadata = new Dictionary<string, string>(request.Metadata),
            },
            Idempotent(request.IdempotencyKey),
            cancellationToken));
        return new PaymentForm(intent.Id, intent.ClientSecret);
    }

    public async Task<PaymentForm> StartSetupFormAsync(SetupFormRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var intent = await CallAsync(() => _setupIntents.CreateAsync(
            new SetupIntentCreateOptions
            {
                Customer = request.ProviderCustomerId,
                Usage = "off_session",
                AutomaticPaymentMethods = new SetupIntentAutomaticPaymentMethodsOptions { Enabled = true },
                Metadata = new Dictionary<string, string>(request.Metadata),
            },
            Idempotent(request.IdempotencyKey),
            cancellationToken));
        return new PaymentForm(intent.Id, intent.ClientSecret);
    }

    public Outcome<IReadOnlyList<PaymentConfirmation>> ParseWebhook(string rawBody, IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var header = headers.FirstOrDefault(h => string.Equals(h.Key, SignatureHeader, StringComparison.OrdinalIgnoreCase)).Value;
        if (string.IsNullOrEmpty(header))
        {
            return new Failure(FailureCodes.WebhookSignatureInvalid, $"The {SignatureHeader} header is missing.");
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(
                rawBody,
                header,
                _options.StripeWebhookSecret,
                tolerance: (long)_options.WebhookTolerance.TotalSeconds,
                utcNow: _clock.GetUtcNow().ToUnixTimeSeconds(),
                throwOnApiVersionMismatch: false);
        }
        catch (StripeException e)
        {
            LogBadSignature(_logger, e.Message);
            return new Failure(FailureCodes.WebhookSignatureInvalid, "The Stripe-Signature header does not verify for this body with the endpoint's signing secret (or it is too old).");
        }

        PaymentConfirmation? confirmation = (stripeEvent.Type, stripeEvent.Data?.Object) switch
        {
            (EventTypes.PaymentIntentSucceeded, PaymentIntent intent) => FromIntent(stripeEvent.Id, PaymentConfirmationKind.PaymentSucceeded, intent),
            (EventTypes.PaymentIntentPaymentFailed, PaymentIntent intent) => FromIntent(stripeEvent.Id, PaymentConfirmationKind.PaymentFailed, intent),
            (EventTypes.SetupIntentSucceeded, SetupIntent setup) => new PaymentConfirmation
            {
                Kind = PaymentConfirmationKind.SetupSucceeded,
                EventId = stripeEvent.Id,
                IntentId = setup.Id,
                Metadata = setup.Metadata ?? new Dictionary<string, string>(),
                PaymentMethodId = setup.PaymentMethodId,
                ProviderCustomerId = setup.CustomerId,
            },
            _ => null,
        };
        return confirmation is null ? Array.Empty<PaymentConfirmation>() : new[] { confirmation };
    }

    private static PaymentConfirmation FromIntent(string eventId, PaymentConfirmationKind kind, PaymentIntent intent) => new()
    {
        Kind = kind,
        EventId = eventId,
        IntentId = intent.Id,
        Metadata = intent.Metadata ?? new Dictionary<string, string>(),
        Amount = intent.Amount,
        Currency = intent.Currency,
        PaymentMethodId = intent.PaymentMethodId,
        ProviderCustomerId = intent.CustomerId,
        ErrorCode = intent.LastPaymentError?.DeclineCode ?? intent.LastPaymentError?.Code,
        ErrorMessage = intent.LastPaymentError?.Message,
    };

    private static ChargeResult ToResult(PaymentIntent intent) => intent.Status switch
    {
        "succeeded" => new ChargeResult { Status = ChargeStatus.Succeeded, PaymentId = intent.Id },
        "requires_action" or "requires_confirmation" => new ChargeResult { Status = ChargeStatus.RequiresAction, PaymentId = intent.Id, ClientSecret = intent.ClientSecret },
        "requires_payment_method" or "canceled" => new ChargeResult
        {
            Status = ChargeStatus.Failed,
            PaymentId = intent.Id,
            ErrorCode = intent.LastPaymentError?.DeclineCode ?? intent.LastPaymentError?.Code ?? intent.Status,
            ErrorMessage = intent.LastPaymentError?.Message,
        },
        _ => new ChargeResult { Status = ChargeStatus.Processing, PaymentId = intent.Id },
    };

    private static RequestOptions Idempotent(string key) => new() { IdempotencyKey = key };

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw new PaymentProviderUnavailableException("Stripe did not answer.", e);
        }
    }

    private static bool IsUnavailable(Exception e) => e switch
    {
        StripeException s => s.HttpStatusCode is >= HttpStatusCode.InternalServerError || s.InnerException is HttpRequestException or TaskCanceledException,
        HttpRequestException => true,
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe refused the charge {IdempotencyKey}: {Code}")]
    private static partial void LogDeclined(ILogger logger, string idempotencyKey, string? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Stripe webhook did not verify: {Reason}")]
    private static partial void LogBadSignature(ILogger logger, string reason);
}
