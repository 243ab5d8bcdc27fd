namespace UnitPay.Client.Models;

/// <summary>The answer of <c>POST /v1/usage/track</c> (202): accepted events are deducted by the queue worker shortly after.</summary>
/// <param name="Accepted">Events accepted.</param>
/// <param name="Rejected">Events rejected.</param>
/// <param name="Rejections">Why each rejected event was.</param>
/// <param name="EventIds">Aligned with the request's events: the id of each accepted one, null where rejected.</param>
public sealed record TrackResult(
    int Accepted,
    int Rejected,
    IReadOnlyList<TrackRejection> Rejections,
    IReadOnlyList<string?> EventIds);
