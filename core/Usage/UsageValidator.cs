using UnitPay.Contracts.Usage;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Money;

namespace UnitPay.Core.Usage;

/// <summary>The shape rules of one usage event, shared by the track endpoint and the queue worker.</summary>
public static class UsageValidator
{
    public const int MaxIdempotencyKeyLength = 200;
    public const int MaxPropertiesLength = 8_192;
    public const int MaxQuantityDecimals = 6;
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    /// <summary>Returns null when the event is well formed, else the message that says what is wrong.</summary>
    public static string? Check(UsageEvent e, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (string.IsNullOrWhiteSpace(e.CustomerId))
        {
            return "customerId is required.";
        }

        if (IdRules.CustomerRefProblem("customerId", e.CustomerId) is { } customer)
        {
            return customer;
        }

        if (IdRules.SlugProblem("featureSlug", e.FeatureSlug) is { } feature)
        {
            return feature;
        }

        if (!string.IsNullOrEmpty(e.EventId) && IdRules.ClientKeyProblem("eventId", e.EventId) is { } eventId)
        {
            return eventId;
        }

        if (e.Quantity is { } q)
        {
            if (q <= 0)
            {
                return "quantity must be greater than zero.";
            }

            if (q > CostCalculator.MaxQuantity)
            {
                return $"quantity must be at most {CostCalculator.MaxQuantity}.";
            }

            if (HasTooManyDecimals(q))
            {
                return $"quantity may have at most {MaxQuantityDecimals} decimal places.";
            }
        }

        if (e.Timestamp is { } t && t > now + MaxFutureSkew)
        {
            return "timestamp is in the future.";
        }

        if (e.IdempotencyKey is { } key && (key.Length == 0 || key.Length > MaxIdempotencyKeyLength))
        {
            return $"idempotencyKey must be 1 to {MaxIdempotencyKeyLength} characters.";
        }

        if (e.Properties is { } p)
        {
            if (p.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return "properties must be a JSON object.";
            }

            if (p.GetRawText().Length > MaxPropertiesLength)
            {
                return $"properties must be at most {MaxPropertiesLength} characters of JSON.";
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="quantity"/> has more than <see cref="MaxQuantityDecimals"/> significant decimal places (track, check and reservations share this rule).</summary>
    public static bool HasTooManyDecimals(decimal quantity) =>
        quantity.Scale > MaxQuantityDecimals && decimal.Round(quantity, MaxQuantityDecimals) != quantity;
}
