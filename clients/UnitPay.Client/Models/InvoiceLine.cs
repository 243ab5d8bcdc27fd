namespace UnitPay.Client.Models;

/// <summary>A line the engine added to an invoiced customer's bill.</summary>
/// <param name="Id">Its id.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="SourceRef">What it bills.</param>
/// <param name="Description">For people.</param>
/// <param name="Amount">Minor units of <see cref="Currency"/>.</param>
/// <param name="Currency">ISO-4217 code.</param>
/// <param name="CreditCurrencyId">The credits' currency.</param>
/// <param name="Credits">Credits billed.</param>
/// <param name="PeriodStart">Period.</param>
/// <param name="PeriodEnd">Period.</param>
/// <param name="CreatedAt">When it was added.</param>
public sealed record InvoiceLine(
    string Id,
    string CustomerId,
    string SourceRef,
    string Description,
    long Amount,
    string Currency,
    string? CreditCurrencyId,
    long? Credits,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    DateTimeOffset CreatedAt);
