using System.Text.Json.Serialization;

namespace UnitPay.Functions.Hosting;

/// <summary>What a custom handler answers the host: PascalCase <c>Outputs</c>, <c>Logs</c>, <c>ReturnValue</c>.</summary>
public sealed record InvocationResponse
{
    [JsonPropertyName("Outputs")]
    public IReadOnlyDictionary<string, object?> Outputs { get; init; } = new Dictionary<string, object?>();

    [JsonPropertyName("Logs")]
    public IReadOnlyList<string> Logs { get; init; } = [];

    [JsonPropertyName("ReturnValue")]
    public object? ReturnValue { get; init; }
}
