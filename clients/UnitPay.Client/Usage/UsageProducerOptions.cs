using Azure.Core;

namespace UnitPay.Client.Usage;

/// <summary>
/// Where a <see cref="UsageProducer"/> sends: the usage queue by URI with an identity (<see cref="QueueUri"/>,
/// <see cref="Credential"/>: <c>DefaultAzureCredential</c> unless given), or by <see cref="ConnectionString"/> and
/// <see cref="QueueName"/> (Azurite, or accounts with shared keys on). Validated once, when the producer is built.
/// </summary>
public sealed record UsageProducerOptions
{
    /// <summary>The organization the usage belongs to (<c>org_…</c>, printed by <c>create-org</c>).</summary>
    public required string OrgId { get; init; }

    /// <summary>The queue's address, such as <c>https://acct.queue.core.windows.net/usage-events</c> (identity-based; the identity needs Storage Queue Data Message Sender).</summary>
    public Uri? QueueUri { get; init; }

    /// <summary>The identity of <see cref="QueueUri"/>; default <c>DefaultAzureCredential</c>.</summary>
    public TokenCredential? Credential { get; init; }

    /// <summary>A storage connection string, instead of <see cref="QueueUri"/>.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>With <see cref="ConnectionString"/>: the queue (the app's <c>UNITPAY_USAGE_QUEUE</c>; default <c>usage-events</c>).</summary>
    public string QueueName { get; init; } = "usage-events";

    /// <summary>Messages sent at once by one <see cref="UsageProducer.SendAsync"/> (1 to 64; default 8).</summary>
    public int MaxConcurrentSends { get; init; } = 8;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid option.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(OrgId) || !OrgId.StartsWith("org_", StringComparison.Ordinal))
        {
            problems.Add("OrgId must be an organization id (org_...).");
        }

        if ((QueueUri is null) == string.IsNullOrWhiteSpace(ConnectionString))
        {
            problems.Add("Give either QueueUri (with an identity) or ConnectionString, not both.");
        }

        if (QueueUri is { } uri && (!uri.IsAbsoluteUri || uri.AbsolutePath.Trim('/').Length == 0))
        {
            problems.Add("QueueUri must be the absolute address of a queue, such as https://acct.queue.core.windows.net/usage-events.");
        }

        if (ConnectionString is not null && string.IsNullOrWhiteSpace(QueueName))
        {
            problems.Add("QueueName is required with ConnectionString.");
        }

        if (MaxConcurrentSends is < 1 or > 64)
        {
            problems.Add("MaxConcurrentSends must be 1 to 64.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid UsageProducerOptions: " + string.Join(" ", problems));
        }
    }
}
