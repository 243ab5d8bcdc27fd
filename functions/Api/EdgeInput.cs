using UnitPay.Core.Identifiers;
using UnitPay.Core.Results;
using UnitPay.Core.Storage;

namespace UnitPay.Functions.Api;

/// <summary>
/// What may reach storage from a request, checked at the edge so storage never refuses it (which it answers with a
/// 500): route values and query parameters become keys, so each must be something a key can hold; body ids are
/// checked by the function that reads them, with the rules of <see cref="IdRules"/>.
/// </summary>
public static class EdgeInput
{
    /// <summary>Longest value of a route segment or a query parameter that names something (ids, slugs, external ids).</summary>
    public const int MaxIdLength = IdRules.MaxExternalIdLength;

    /// <summary>Query parameters that are not names of stored things (an opaque cursor, times, numbers, filters).</summary>
    private static readonly HashSet<string> NotIds = new(StringComparer.OrdinalIgnoreCase) { "cursor", "createdAfter", "createdBefore", "limit", "window", "asOf" };

    /// <summary>The first route value or query parameter that cannot be a storage key, as a 400 naming it.</summary>
    public static Failure? CheckAddressing(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A customer is addressed by its cus_ id or by the caller's external id, which may hold what keys cannot (the
        // customer store keys such an id by its hash), so customer references follow the external-id rule instead.
        var customerPath = request.Path.StartsWithSegments("/v1/customers");
        foreach (var (name, value) in request.RouteValues)
        {
            if (name is "path" or "action" or "controller" || value is not string text)
            {
                continue; // the catch-all route's rest of the path is not a key
            }

            if ((customerPath && name == "id" ? IdRules.ValidateCustomerRef(name, text) : Problem(name, text)) is { } failure)
            {
                return failure;
            }
        }

        foreach (var (name, values) in request.Query)
        {
            if (NotIds.Contains(name))
            {
                if (values.ToString().Length > 4096)
                {
                    return Failure.Validation(name, $"{name} is longer than 4096 characters.");
                }

                continue;
            }

            if (values.Count > 1)
            {
                return Failure.Validation(name, $"{name} is given more than once.");
            }

            if (values.ToString() is { Length: > 0 } text
                && (name.Equals("customerId", StringComparison.OrdinalIgnoreCase) ? IdRules.ValidateCustomerRef(name, text) : Problem(name, text)) is { } failure)
            {
                return failure;
            }
        }

        return null;
    }

    /// <summary>A body field that names a stored thing by id: required, and something a key can hold.</summary>
    public static Failure? CheckId(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? Failure.Validation(field, $"{field} is required.") : Problem(field, value);

    private static Failure? Problem(string field, string value) =>
        value.Length > MaxIdLength
            ? Failure.Validation(field, $"{field} is longer than {MaxIdLength} characters, so it names nothing.")
            : !TableKeys.IsValid(value) // its forbidden set is exactly '/', '\', '#', '?' and char.IsControl's characters
                ? Failure.Validation(field, $"{field} holds a character ids never hold ('/', '\\', '#', '?' or a control character).")
                : null;
}
