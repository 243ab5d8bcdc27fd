namespace UnitPay.Core.Results;

/// <summary>Collects every invalid field of a request, so one answer names them all (400 VALIDATION_FAILED with per-field errors).</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public Failure ToFailure() => new(
        FailureCodes.ValidationFailed,
        string.Join(" ", _errors.Values.SelectMany(m => m)),
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
