using Azure;

namespace UnitPay.Core.Subscriptions;

/// <summary>A row of the subscription schedule index: the subscription has a step due at <see cref="DueAt"/>.</summary>
public sealed record ScheduledSubscription(string OrgId, string SubscriptionId, DateTimeOffset DueAt, string Bucket, ETag ETag);
