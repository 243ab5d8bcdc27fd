using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.Customers;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Results;
using UnitPay.Functions.Api;

namespace UnitPay.Functions.Functions;

/// <summary>Customers, addressable by <c>cus_</c> id or by the caller's external id.</summary>
public sealed class CustomerFunctions(CustomerStore customers, CustomerPaymentService payments, TimeProvider clock)
{
    /// <summary>
    /// <c>POST /v1/customers/{id}/payment-methods/setup</c> -> 201 <c>{clientSecret, setupId, provider}</c>: a form that
    /// saves a payment method; when the provider confirms it, the method becomes the customer's default.
    /// </summary>
    [Function("SetupCustomerPaymentMethodHttp")]
    public async Task<IResult> SetupPaymentMethodAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/customers/{id}/payment-methods/setup")] HttpRequest req, string id)
    {
        var setup = await payments.StartSetupAsync(req.HttpContext.OrgId(), id, req.HttpContext.RequestAborted);
        return setup.IsSuccess
            ? Results.Created((string?)null, new { clientSecret = setup.Value!.ClientSecret, setupId = setup.Value.SetupId, provider = setup.Value.Provider })
            : Problems.From(setup.Failure!);
    }

    /// <summary>
    /// <c>POST /v1/customers/{id}/default-payment-method</c> <c>{paymentMethodId}</c> -> 200 customer: names a payment
    /// method already saved at the provider (the sandbox's test methods, or a Stripe <c>pm_</c> attached to the
    /// customer) as the one off-session charges use.
    /// </summary>
    [Function("SetCustomerDefaultPaymentMethodHttp")]
    public async Task<IResult> SetDefaultPaymentMethodAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/customers/{id}/default-payment-method")] HttpRequest req, string id)
    {
        var http = req.HttpContext;
        var body = await RequestBody.ReadAsync<DefaultPaymentMethodRequest>(http.Request);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        if (ValidatePaymentMethod("paymentMethodId", body.Value!.PaymentMethodId) is { } bad)
        {
            return Problems.From(bad);
        }

        var updated = await payments.SetDefaultPaymentMethodAsync(http.OrgId(), id, body.Value.PaymentMethodId!, http.RequestAborted);
        return updated.IsSuccess ? Results.Ok(updated.Value) : Problems.From(updated.Failure!);
    }

    [Function("GetCustomerHttp")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/customers/{id}")] HttpRequest req, string id) =>
        await customers.FindAsync(req.HttpContext.OrgId(), id, req.HttpContext.RequestAborted) is { } customer
            ? Results.Ok(customer)
            : Problems.NotFound("Customer " + id);

    [Function("CreateCustomerHttp")]
    public async Task<IResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/customers")] HttpRequest req)
    {
        var http = req.HttpContext;
        var body = await RequestBody.ReadAsync<CreateCustomerRequest>(http.Request);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Failure!);
        }

        var request = body.Value!;
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            return Problems.Validation("name", "name is required (1 to 200 characters).");
        }

        if (request.Email is { } email && (email.Length > 320 || !email.Contains('@', StringComparison.Ordinal)))
        {
            return Problems.Validation("email", "email is not an email address.");
        }

        if (request.ExternalId is not null && IdRules.ValidateExternalId("externalId", request.ExternalId) is { } badExternalId)
        {
            return Problems.From(badExternalId);
        }

        var method = request.CollectionMethod ?? "charge_automatically";
        if (method is not ("charge_automatically" or "send_invoice"))
        {
            return Problems.Validation("collectionMethod", "collectionMethod must be 'charge_automatically' or 'send_invoice'.");
        }

        if (request.DefaultPaymentMethod is not null && ValidatePaymentMethod("defaultPaymentMethod", request.DefaultPaymentMethod) is { } badMethod)
        {
            return Problems.From(badMethod);
        }

        var customer = new Customer
        {
            Id = Ids.New("cus", clock),
            Name = request.Name.Trim(),
            Email = request.Email,
            ExternalId = request.ExternalId,
            CollectionMethod = method,
            CreatedAt = clock.GetUtcNow(),
        };
        if (!await customers.TryCreateAsync(http.OrgId(), customer, http.RequestAborted))
        {
            return Problems.From(new Failure(FailureCodes.Conflict, $"A customer with externalId '{request.ExternalId}' exists."));
        }

        if (request.DefaultPaymentMethod is { } paymentMethod)
        {
            var saved = await payments.SetDefaultPaymentMethodAsync(http.OrgId(), customer.Id, paymentMethod, http.RequestAborted);
            customer = saved.IsSuccess ? saved.Value! : customer;
        }

        return Results.Created($"/v1/customers/{customer.Id}", customer);
    }

    /// <summary>A provider's payment method id: <c>pm_</c> and up to 200 letters, digits or '_' (the sandbox's test methods are such ids).</summary>
    private static Failure? ValidatePaymentMethod(string field, string? value) =>
        value is { Length: > 3 and <= 203 } && value.StartsWith("pm_", StringComparison.Ordinal) && value[3..].All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? null
            : Failure.Validation(field, $"{field} must be a payment method id: 'pm_' and up to 200 letters, digits or '_' (in sandbox mode: pm_sandbox_success, pm_sandbox_decline, pm_sandbox_requires_action or pm_sandbox_timeout_once).");

    private sealed record CreateCustomerRequest(string? Name, string? Email, string? ExternalId, string? CollectionMethod, string? DefaultPaymentMethod);

    private sealed record DefaultPaymentMethodRequest(string? PaymentMethodId);
}
