using UnitPay.Core.Results;

namespace UnitPay.Functions.Api;

/// <summary>RFC 9457 problem responses with the API's stable <c>code</c>.</summary>
public static class Problems
{
    public static int StatusOf(string code) => code switch
    {
        FailureCodes.ValidationFailed => StatusCodes.Status400BadRequest,
        FailureCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
        FailureCodes.NotFound => StatusCodes.Status404NotFound,
        FailureCodes.Conflict => StatusCodes.Status409Conflict,
        FailureCodes.IdempotencyKeyReused => StatusCodes.Status409Conflict,
        FailureCodes.WalletFrozen => StatusCodes.Status409Conflict,
        FailureCodes.CurrencyMismatch => StatusCodes.Status422UnprocessableEntity,
        FailureCodes.InsufficientCredits => StatusCodes.Status402PaymentRequired,
        FailureCodes.TopupRequiresPaymentMethod => StatusCodes.Status402PaymentRequired,
        FailureCodes.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        FailureCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        FailureCodes.PaymentFailed => StatusCodes.Status402PaymentRequired,
        FailureCodes.PaymentProviderUnavailable => StatusCodes.Status503ServiceUnavailable,
        FailureCodes.TopupNotPriced => StatusCodes.Status422UnprocessableEntity,
        FailureCodes.AutoTopupModeMismatch => StatusCodes.Status422UnprocessableEntity,
        FailureCodes.WebhookSignatureInvalid => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status400BadRequest,
    };

    public static IResult From(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var extensions = new Dictionary<string, object?> { ["code"] = failure.Code };
        if (failure.Errors is not null)
        {
            extensions["errors"] = failure.Errors;
        }

        return Results.Problem(
            detail: failure.Message,
            statusCode: StatusOf(failure.Code),
            title: TitleOf(failure.Code),
            type: "urn:unitpay:problem:" + failure.Code.ToLowerInvariant().Replace('_', '-'),
            extensions: extensions);
    }

    public static IResult Validation(string field, string message) => From(Failure.Validation(field, message));

    public static IResult NotFound(string what) => From(Failure.NotFound(what));

    private static string TitleOf(string code) => code switch
    {
        FailureCodes.ValidationFailed => "The request is not valid.",
        FailureCodes.Unauthenticated => "A valid API key is required.",
        FailureCodes.NotFound => "Not found.",
        FailureCodes.Conflict => "The request conflicts with the current state.",
        FailureCodes.IdempotencyKeyReused => "The Idempotency-Key was used for a different request.",
        FailureCodes.CurrencyMismatch => "Credit currencies do not match.",
        FailureCodes.InsufficientCredits => "Not enough credits.",
        FailureCodes.WalletFrozen => "The credit account is frozen.",
        FailureCodes.PayloadTooLarge => "The request is too large.",
        FailureCodes.RateLimited => "Too many requests.",
        FailureCodes.TopupRequiresPaymentMethod => "A saved payment method is required.",
        FailureCodes.PaymentFailed => "The payment was declined.",
        FailureCodes.PaymentProviderUnavailable => "The payment provider is unavailable.",
        FailureCodes.TopupNotPriced => "The credit currency has no top-up price.",
        FailureCodes.AutoTopupModeMismatch => "The auto top-up mode does not fit the wallet's denomination.",
        FailureCodes.WebhookSignatureInvalid => "The webhook signature is not valid.",
        _ => "The request failed.",
    };
}
