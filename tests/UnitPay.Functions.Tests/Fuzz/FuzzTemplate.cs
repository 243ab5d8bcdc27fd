using System.Text.Json.Nodes;

namespace UnitPay.Functions.Tests.Fuzz;

/// <summary>
/// A valid request of a route, which the fuzzer breaks one field at a time. <see cref="TouchesControl"/>: a valid
/// request would change the control wallet, so every mutation must be invalid for sure. <see cref="ValidPathId"/>: the
/// id a body mutation is sent to (none: the route is only sent bad ids, as any valid id would change something).
/// </summary>
internal sealed record FuzzTemplate(Func<JsonObject> Body, IReadOnlyList<FuzzField> Fields, bool TouchesControl, string? ValidPathId = null)
{
    /// <summary>Short odd strings in its text fields may be valid (a name "日本語"): the route must then not fail, nothing more.</summary>
    public bool OddTextIsValid => !TouchesControl;

    /// <summary>The route also takes its body as one event of a batch (<c>{"events": [...]}</c>).</summary>
    public bool Batch { get; init; }
}
