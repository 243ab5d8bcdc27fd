namespace UnitPay.Client.Models;

/// <summary>An event of a track call that was not accepted.</summary>
/// <param name="Index">Its place in the request's events.</param>
/// <param name="Reason">A stable code (<c>VALIDATION_FAILED</c>, <c>NOT_FOUND</c>).</param>
/// <param name="Message">What is wrong.</param>
public sealed record TrackRejection(
    int Index,
    string Reason,
    string Message);
