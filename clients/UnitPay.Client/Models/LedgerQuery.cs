namespace UnitPay.Client.Models;

/// <summary>Filters of <c>GET /v1/credit-ledger</c> (newest first).</summary>
/// <param name="CustomerId"><c>cus_</c> id or external id.</param>
/// <param name="CreditAccountId">A wallet.</param>
/// <param name="CreditCurrencyId">A currency.</param>
/// <param name="Type">An entry type (any case).</param>
/// <param name="FeatureId">A feature id.</param>
/// <param name="CreatedAfter">From.</param>
/// <param name="CreatedBefore">Until.</param>
/// <param name="PageSize">Entries per page (the API caps it at 100).</param>
public sealed record LedgerQuery(
    string? CustomerId = null,
    string? CreditAccountId = null,
    string? CreditCurrencyId = null,
    string? Type = null,
    string? FeatureId = null,
    DateTimeOffset? CreatedAfter = null,
    DateTimeOffset? CreatedBefore = null,
    int? PageSize = null);
