namespace UnitPay.Functions.Tests.Fuzz;

/// <summary>A field of a route's body (a dotted path into it), its kind, and whether leaving it out is invalid.</summary>
internal sealed record FuzzField(string Name, FuzzFieldKind Kind, bool Required = false);
