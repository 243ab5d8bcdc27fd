using System.Globalization;
using System.Text.Json;

namespace UnitPay.Functions.Hosting;

/// <summary>
/// The parts of host.json that decide trigger semantics, with the Functions host's defaults where host.json is silent.
/// The Functions host honours them itself; the local host reads them here to behave the same.
/// </summary>
public sealed record HostJson
{
    public int QueueBatchSize { get; init; } = 16;

    public int QueueNewBatchThreshold { get; init; } = 8;

    public int MaxDequeueCount { get; init; } = 5;

    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>True for <c>base64</c> (the host's default), false for <c>none</c>.</summary>
    public bool Base64Messages { get; init; } = true;

    public string? RoutePrefix { get; init; }

    public static HostJson Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        var result = new HostJson();
        if (Find(root, "extensions", "queues") is { } queues)
        {
            result = result with
            {
                QueueBatchSize = Int(queues, "batchSize") ?? result.QueueBatchSize,
                QueueNewBatchThreshold = Int(queues, "newBatchThreshold") ?? (Int(queues, "batchSize") ?? result.QueueBatchSize) / 2,
                MaxDequeueCount = Int(queues, "maxDequeueCount") ?? result.MaxDequeueCount,
                VisibilityTimeout = Time(queues, "visibilityTimeout") ?? result.VisibilityTimeout,
                MaxPollingInterval = Time(queues, "maxPollingInterval") ?? result.MaxPollingInterval,
                Base64Messages = Text(queues, "messageEncoding") is not { } encoding || !encoding.Equals("none", StringComparison.OrdinalIgnoreCase),
            };
        }

        if (Find(root, "extensions", "http") is { } http)
        {
            result = result with { RoutePrefix = Text(http, "routePrefix") };
        }

        if (result.QueueBatchSize is < 1 or > 32)
        {
            throw new InvalidDataException("host.json extensions.queues.batchSize must be between 1 and 32.");
        }

        if (result.MaxDequeueCount < 1)
        {
            throw new InvalidDataException("host.json extensions.queues.maxDequeueCount must be at least 1.");
        }

        return result;
    }

    private static JsonElement? Find(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element;
    }

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.TryGetInt32(out var n) ? n : null;

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static TimeSpan? Time(JsonElement e, string name) =>
        Text(e, name) is { } s ? TimeSpan.Parse(s, CultureInfo.InvariantCulture) : null;
}
