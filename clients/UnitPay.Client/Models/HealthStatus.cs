namespace UnitPay.Client.Models;

/// <summary><c>GET /v1/health</c>: whether the app reaches its storage.</summary>
/// <param name="Status"><c>ok</c> or <c>degraded</c>.</param>
/// <param name="Table">Table storage: <c>ok</c> or the failure.</param>
/// <param name="Queue">The usage queue: <c>ok</c> or the failure.</param>
public sealed record HealthStatus(
    string Status,
    string Table,
    string Queue);
