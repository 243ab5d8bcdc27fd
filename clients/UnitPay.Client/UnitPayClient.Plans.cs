using UnitPay.Client.Models;

namespace UnitPay.Client;

/// <content>Plans, subscriptions and the invoice lines their paid cycles add.</content>
public sealed partial class UnitPayClient
{
    /// <summary><c>POST /v1/plans</c>.</summary>
    public Task<Plan> CreatePlanAsync(CreatePlanRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<Plan>("plans", request ?? throw new ArgumentNullException(nameof(request)), cancellationToken);

    /// <summary><c>GET /v1/plans</c>.</summary>
    public Task<IReadOnlyList<Plan>> ListPlansAsync(CancellationToken cancellationToken = default) =>
        ListAsync<Plan>("plans", "plans", cancellationToken);

    /// <summary><c>GET /v1/plans/{id}</c>.</summary>
    public Task<Plan> GetPlanAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<Plan>("plans/" + Escape(id), cancellationToken);

    /// <summary><c>POST /v1/subscriptions</c>.</summary>
    public Task<SubscriptionResult> CreateSubscriptionAsync(CreateSubscriptionRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<SubscriptionResult>("subscriptions", request ?? throw new ArgumentNullException(nameof(request)), cancellationToken);

    /// <summary><c>GET /v1/subscriptions?customerId=</c>.</summary>
    public Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(string customerId, CancellationToken cancellationToken = default) =>
        ListAsync<Subscription>(Query("subscriptions", ("customerId", customerId)), "subscriptions", cancellationToken);

    /// <summary><c>GET /v1/subscriptions/{id}</c>.</summary>
    public Task<Subscription> GetSubscriptionAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<Subscription>("subscriptions/" + Escape(id), cancellationToken);

    /// <summary><c>POST /v1/subscriptions/{id}/cancel</c>: takes effect at the end of the current cycle.</summary>
    public Task<Subscription> CancelSubscriptionAsync(string id, CancellationToken cancellationToken = default) =>
        PostAsync<Subscription>("subscriptions/" + Escape(id) + "/cancel", null, cancellationToken);

    /// <summary><c>GET /v1/invoice-lines?customerId=</c>.</summary>
    public Task<IReadOnlyList<InvoiceLine>> ListInvoiceLinesAsync(string customerId, CancellationToken cancellationToken = default) =>
        ListAsync<InvoiceLine>(Query("invoice-lines", ("customerId", customerId)), "invoiceLines", cancellationToken);
}
