namespace UnitPay.Functions.Tests.Fuzz;

/// <summary>One generated request: the route it fuzzes, the class of bad input, and what it must answer.</summary>
internal sealed record FuzzRequest(
    string Route,
    string Method,
    string Path,
    string InputClass,
    FuzzExpectation Expect,
    string? Body,
    string? ContentType = "application/json",
    long OversizeBytes = 0);
