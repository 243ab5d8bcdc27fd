namespace UnitPay.Core.Payments;

/// <summary>A webhook as it arrived: the raw body (signatures cover its exact bytes) and the request headers.</summary>
public sealed record WebhookDelivery(string RawBody, IReadOnlyDictionary<string, string> Headers);
