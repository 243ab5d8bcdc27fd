using System.Text.Json;
using System.Text.Json.Nodes;

namespace UnitPay.Functions.Hosting;

/// <summary>Writes each function's function.json from <see cref="FunctionCatalog"/>: the catalog is the single source of truth.</summary>
public static class FunctionJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject For(FunctionDefinition function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var bindings = new JsonArray();
        switch (function.Trigger)
        {
            case TriggerKind.Http:
                bindings.Add(new JsonObject
                {
                    ["type"] = "httpTrigger",
                    ["direction"] = "in",
                    ["name"] = function.BindingName,
                    ["authLevel"] = "anonymous", // the app authenticates every /v1 call itself, by API key
                    ["route"] = function.Route,
                    ["methods"] = new JsonArray(function.Methods.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
                });
                bindings.Add(new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" });
                break;
            case TriggerKind.Queue:
                bindings.Add(new JsonObject
                {
                    ["type"] = "queueTrigger",
                    ["direction"] = "in",
                    ["name"] = function.BindingName,
                    ["queueName"] = "%" + function.QueueNameSetting + "%",
                    ["connection"] = FunctionCatalog.StorageConnection,
                });
                break;
            case TriggerKind.Timer:
                bindings.Add(new JsonObject
                {
                    ["type"] = "timerTrigger",
                    ["direction"] = "in",
                    ["name"] = function.BindingName,
                    ["schedule"] = "%" + function.ScheduleSetting + "%",
                    ["runOnStartup"] = false,
                    ["useMonitor"] = true,
                });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(function), function.Trigger, "Unknown trigger kind.");
        }

        return new JsonObject { ["bindings"] = bindings };
    }

    /// <summary>Writes <c>{root}/{Name}/function.json</c> for every function. Returns the folders written.</summary>
    public static IReadOnlyList<string> WriteAll(string root)
    {
        var written = new List<string>();
        foreach (var function in FunctionCatalog.All)
        {
            var folder = Path.Combine(root, function.Name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "function.json"), For(function).ToJsonString(Indented) + "\n");
            written.Add(folder);
        }

        return written;
    }
}
