namespace UnitPay.Core.TopUps;

/// <summary><c>GET /v1/top-up-attempts?customerId=&amp;currencyId=&amp;status=&amp;triggerSource=&amp;limit=&amp;cursor=</c> as sent (validated by the service).</summary>
public sealed record TopUpAttemptQuery(
    string? CustomerId = null,
    string? CurrencyId = null,
    string? Status = null,
    string? TriggerSource = null,
    int Limit = 20,
    string? Cursor = null);
