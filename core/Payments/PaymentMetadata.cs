namespace UnitPay.Core.Payments;

/// <summary>
/// The metadata keys the engine puts on every charge and form it creates at the provider, so that a webhook says what
/// it confirms without a lookup table: the organization, what the payment is for, and that thing's id.
/// </summary>
public static class PaymentMetadata
{
    public const string OrgId = "unitpay_org";

    /// <summary>One of <see cref="TopUpPurpose"/>, <see cref="SubscriptionCyclePurpose"/>, <see cref="SetupPurpose"/>.</summary>
    public const string Purpose = "unitpay_purpose";

    /// <summary>The id of what is paid for: a <c>topup_</c> attempt, a <c>subpay_</c> cycle payment, or a <c>cus_</c> customer (setup).</summary>
    public const string Reference = "unitpay_ref";

    public const string CustomerId = "unitpay_customer";

    public const string SubscriptionId = "unitpay_subscription";

    /// <summary>"true" on a payment form: the method the customer pays with becomes their default.</summary>
    public const string SavePaymentMethod = "unitpay_save_pm";

    public const string TopUpPurpose = "topup";
    public const string SubscriptionCyclePurpose = "subscription_cycle";
    public const string SetupPurpose = "setup";

    public static IReadOnlyDictionary<string, string> For(string orgId, string purpose, string reference, string customerId, string? subscriptionId = null, bool savePaymentMethod = false)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [OrgId] = orgId,
            [Purpose] = purpose,
            [Reference] = reference,
            [CustomerId] = customerId,
        };
        if (subscriptionId is not null)
        {
            metadata[SubscriptionId] = subscriptionId;
        }

        if (savePaymentMethod)
        {
            metadata[SavePaymentMethod] = "true";
        }

        return metadata;
    }
}
