namespace UnitPay.Client.Models;

/// <summary><c>POST /v1/reservations</c>: by <c>CreditCurrencyId</c> and <c>Amount</c>, or by <c>FeatureSlug</c> and <c>Quantity</c>.</summary>
/// <param name="CustomerId"><c>cus_</c> id or external id.</param>
/// <param name="CreditCurrencyId">The currency.</param>
/// <param name="Amount">Minor units.</param>
/// <param name="FeatureSlug">The feature.</param>
/// <param name="Quantity">Units of the feature.</param>
/// <param name="TtlSeconds">1 to 86400 (default 900).</param>
/// <param name="Reference">Up to the caller.</param>
public sealed record CreateReservationRequest(
    string CustomerId,
    string? CreditCurrencyId = null,
    long? Amount = null,
    string? FeatureSlug = null,
    decimal? Quantity = null,
    int? TtlSeconds = null,
    string? Reference = null);
