using System.Net;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Results;

namespace UnitPay.Core.Webhooks;

/// <summary>
/// Webhook endpoints of an organization: create (the secret is returned this once), read, list, delete. A URL is
/// absolute https, or http to a loopback address (local development and tests); no credentials in it.
/// </summary>
public sealed class WebhookEndpointService(WebhookEndpointStore store, WebhookSecretProtector secrets, TimeProvider clock)
{
    public const int MaxUrlLength = 2048;
    public const int MaxDescriptionLength = 500;
    public const int MaxEndpointsPerOrganization = 50;

    public async Task<Outcome<CreatedWebhookEndpoint>> CreateAsync(string orgId, WebhookEndpointRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        var url = request.Url?.Trim();
        if (string.IsNullOrEmpty(url))
        {
            errors.Add("url", "url is required.");
        }
        else if (UrlProblem(url) is { } problem)
        {
            errors.Add("url", problem);
        }

        var types = new List<string>();
        if (request.EventTypes is not { Count: > 0 })
        {
            errors.Add("eventTypes", $"eventTypes is required: one or more of {string.Join(", ", WebhookEventTypes.All)}.");
        }
        else
        {
            for (var i = 0; i < request.EventTypes.Count; i++)
            {
                var type = request.EventTypes[i];
                if (!WebhookEventTypes.IsKnown(type))
                {
                    errors.Add($"eventTypes[{i}]", $"'{type}' is not an event type; the types are {string.Join(", ", WebhookEventTypes.All)}.");
                }
                else if (!types.Contains(type!, StringComparer.Ordinal))
                {
                    types.Add(type!);
                }
            }
        }

        if (request.Description is { Length: > MaxDescriptionLength })
        {
            errors.Add("description", $"description is at most {MaxDescriptionLength} characters.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToFailure();
        }

        if ((await store.ListAsync(orgId, cancellationToken)).Count >= MaxEndpointsPerOrganization)
        {
            return new Failure(FailureCodes.Conflict, $"An organization has at most {MaxEndpointsPerOrganization} webhook endpoints; delete one first.");
        }

        var endpoint = new WebhookEndpoint
        {
            Id = Ids.New(WebhookIds.EndpointPrefix, clock),
            OrgId = orgId,
            Url = url!,
            EventTypes = types,
            Description = request.Description,
            CreatedAt = clock.GetUtcNow(),
        };
        var secret = WebhookSecretProtector.NewSecret();
        await store.CreateAsync(endpoint, secrets.Protect(secret), cancellationToken);
        return new CreatedWebhookEndpoint(endpoint, secret);
    }

    public async Task<Outcome<WebhookEndpoint>> GetAsync(string orgId, string endpointId, CancellationToken cancellationToken) =>
        await store.GetAsync(orgId, endpointId, cancellationToken) is { } found
            ? found.Endpoint
            : Failure.NotFound($"Webhook endpoint '{endpointId}'");

    public Task<IReadOnlyList<WebhookEndpoint>> ListAsync(string orgId, CancellationToken cancellationToken) => store.ListAsync(orgId, cancellationToken);

    public async Task<Failure?> DeleteAsync(string orgId, string endpointId, CancellationToken cancellationToken) =>
        await store.DeleteAsync(orgId, endpointId, cancellationToken) ? null : Failure.NotFound($"Webhook endpoint '{endpointId}'");

    /// <summary>Why <paramref name="url"/> cannot receive webhooks, or null.</summary>
    public static string? UrlProblem(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return $"url must be an absolute URL of at most {MaxUrlLength} characters.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return "url must not carry credentials or a fragment.";
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        return uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && loopback)
            ? null
            : "url must be https (plain http only to a loopback address, for local development).";
    }
}
