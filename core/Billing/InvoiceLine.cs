namespace UnitPay.Core.Billing;

/// <summary>
/// One line to put on a customer's next invoice: a subscription period, an overage charge, a purchase. Lines are
/// appended and never edited; the invoicing system that reads them is not part of this engine.
/// </summary>
public sealed record InvoiceLine
{
    /// <summary>An <c>inl_</c> id derived from what the line bills (see <see cref="InvoiceLineStore.IdFor"/>), so a retry adds nothing.</summary>
    public required string Id { get; init; }

    public required string CustomerId { get; init; }

    /// <summary>What the line bills: a subscription id, a wallet id, a top-up id.</summary>
    public required string SourceRef { get; init; }

    public required string Description { get; init; }

    /// <summary>In minor units of <see cref="Currency"/>.</summary>
    public required long Amount { get; init; }

    /// <summary>Lowercase ISO-4217 code.</summary>
    public required string Currency { get; init; }

    /// <summary>For a line that bills credits (overage): the credit currency and how many minor units of it.</summary>
    public string? CreditCurrencyId { get; init; }

    public long? Credits { get; init; }

    public DateTimeOffset? PeriodStart { get; init; }

    public DateTimeOffset? PeriodEnd { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
