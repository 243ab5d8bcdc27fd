using Azure;

namespace UnitPay.Core.AutoTopUp;

/// <summary>
/// A rule as stored, with the wallet's auto top-up <em>slot</em>: the attempt that holds it (<see cref="PendingAttemptId"/>)
/// and since when. An attempt is made only by whoever claims the slot under the row's <see cref="ETag"/>, so two crossings,
/// two workers or a sweeper replay can never have two attempts of one wallet in flight.
/// </summary>
public sealed record AutoTopUpRuleRow(AutoTopUpRule Rule, string? PendingAttemptId, DateTimeOffset? PendingSince, ETag ETag);
