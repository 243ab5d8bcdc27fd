namespace UnitPay.Functions.Tests.Fuzz;

/// <summary>What a fuzzed request must answer.</summary>
internal enum FuzzExpectation
{
    /// <summary>Invalid by the contract: a 4xx problem+json with a known <c>code</c>.</summary>
    Rejected,

    /// <summary>A body over 10 MiB: 413 PAYLOAD_TOO_LARGE.</summary>
    TooLarge,

    /// <summary>
    /// Odd but possibly valid (a short unusual name, an extra field on an object that touches no wallet): never a 5xx,
    /// and a refusal is a 4xx problem+json.
    /// </summary>
    NotServerError,

    /// <summary>A usage batch whose every event is bad: 202 with every event rejected (the documented batch contract), or a 4xx.</summary>
    BatchRejected,
}
