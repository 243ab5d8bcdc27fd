namespace UnitPay.Client.Models;

/// <summary><c>POST /v1/check</c>: would this much usage be covered?</summary>
/// <param name="CustomerId"><c>cus_</c> id or external id.</param>
/// <param name="FeatureSlug">The feature.</param>
/// <param name="RequestedUsage">Units (default 1).</param>
public sealed record CheckRequest(
    string CustomerId,
    string FeatureSlug,
    decimal? RequestedUsage = null);
