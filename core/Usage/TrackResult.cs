namespace UnitPay.Core.Usage;

/// <summary>
/// The answer to a track call. <see cref="EventIds"/> is aligned with the request's events: the id of each accepted
/// event, null where the event was rejected (its reason is in <see cref="Rejections"/> under the same index).
/// </summary>
public sealed record TrackResult(int Accepted, int Rejected, IReadOnlyList<UsageRejection> Rejections, IReadOnlyList<string?> EventIds);
