using UnitPay.Core.Customers;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Results;

using Microsoft.Azure.Functions.Worker;
using UnitPay.Functions.Api;

namespace UnitPay.Functions.Functions;

/// <summary>Customers, addressable by <c>cus_</c> id or by the caller's external id.</summary>
public sealed class CustomerFunctions(CustomerStore customers, TimeProvider clock)
{
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

        var customer = new Customer
        {
            Id = Ids.New("cus", clock),
            Name = request.Name.Trim(),
            Email = request.Email,
            ExternalId = request.ExternalId,
            CollectionMethod = method,
            CreatedAt = clock.GetUtcNow(),
        };
        return await customers.TryCreateAsync(http.OrgId(), customer, http.RequestAborted)
            ? Results.Created($"/v1/customers/{customer.Id}", customer)
            : Problems.From(new Failure(FailureCodes.Conflict, $"A customer with externalId '{request.ExternalId}' exists."));
    }

    private sealed record CreateCustomerRequest(string? Name, string? Email, string? ExternalId, string? CollectionMethod);
}
