namespace UnitPay.Core.Results;

/// <summary>An expected refusal, as a value: a stable code from the API contract and a message for people.</summary>
public sealed record Failure(string Code, string Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static Failure NotFound(string what) => new(FailureCodes.NotFound, what + " was not found.");

    public static Failure Validation(string field, string message) =>
        new(FailureCodes.ValidationFailed, message, new Dictionary<string, string[]> { [field] = [message] });
}
