using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using UnitPay.Core.Storage;
using UnitPay.Functions.Configuration;
using UnitPay.Functions.Hosting;
using UnitPay.Functions.Worker;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Hosting;

/// <summary>
/// The published package is a standard isolated-worker app whose metadata the Functions host reads, and it agrees with
/// what the local host serves: both come from the same <c>[Function]</c> attributes.
/// </summary>
public sealed class FunctionMetadataTests
{
    [Fact]
    public async Task Published_functions_metadata_lists_every_function_with_its_trigger_route_queue_and_schedule()
    {
        var folder = await PublishAsync();
        foreach (var file in new[] { "host.json", "functions.metadata", "worker.config.json", "extensions.json", "UnitPay.Functions.dll" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), $"The package lacks {file}.");
        }

        var metadata = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "functions.metadata")))!.AsArray();
        var byName = metadata.ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!);
        Assert.Equal(FunctionIndex.All.Select(f => f.Name).Order(StringComparer.Ordinal), byName.Keys.Order(StringComparer.Ordinal));

        foreach (var function in FunctionIndex.All)
        {
            var trigger = byName[function.Name]["bindings"]!.AsArray().Single(b => b!["direction"]!.GetValue<string>().Equals("In", StringComparison.OrdinalIgnoreCase))!;
            switch (function.Trigger)
            {
                case TriggerKind.Http:
                    Assert.Equal("httpTrigger", (string?)trigger["type"]);
                    Assert.Equal(function.Route, (string?)trigger["route"]);
                    Assert.Equal(function.Methods, trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()));
                    Assert.Equal("Anonymous", (string?)trigger["authLevel"]); // the app authenticates every /v1 call by API key
                    break;
                case TriggerKind.Queue:
                    Assert.Equal("queueTrigger", (string?)trigger["type"]);
                    Assert.Equal(function.QueueName, (string?)trigger["queueName"]);
                    Assert.Equal(function.Connection, (string?)trigger["connection"]);
                    break;
                case TriggerKind.Timer:
                    Assert.Equal("timerTrigger", (string?)trigger["type"]);
                    Assert.Equal(function.Schedule, (string?)trigger["schedule"]);
                    Assert.NotEqual(true, (bool?)trigger["runOnStartup"]); // never on in committed config
                    break;
            }
        }

        // Stated outright, so a change to an attribute that the index and the metadata both follow still fails here.
        Assert.Equal(("v1/usage/track", "post"), Http(byName["TrackUsageHttp"]));
        Assert.Equal(("v1/credit-accounts/{id}", "get"), Http(byName["GetCreditAccountHttp"]));
        Assert.Equal(("v1/{*path}", "get,post,put,delete,patch"), Http(byName["RouteNotFoundHttp"]));
        Assert.Equal(("%UNITPAY_USAGE_QUEUE%", "AzureWebJobsStorage"), ((string?)Trigger(byName["DeductUsageQueue"])["queueName"], (string?)Trigger(byName["DeductUsageQueue"])["connection"]));
        Assert.Equal("%UNITPAY_EXPIRE_GRANTS_SCHEDULE%", (string?)Trigger(byName["ExpireGrantsTimer"])["schedule"]);
        Assert.Equal("%UNITPAY_GRANT_CYCLES_SCHEDULE%", (string?)Trigger(byName["GrantCyclesTimer"])["schedule"]);

        // The worker the host starts, and the queue extension it loads (the timer trigger is built into the host).
        var worker = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "worker.config.json")))!["description"]!;
        Assert.Equal("UnitPay.Functions.dll", (string?)worker["defaultWorkerPath"]);
        var extensions = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "extensions.json")))!["extensions"]!.AsArray();
        var queues = Assert.Single(extensions, e => (string?)e!["name"] == "AzureStorageQueues")!;
        Assert.True(File.Exists(Path.GetFullPath(Path.Combine(folder, (string)queues["hintPath"]!))), "The queue extension's assembly is not in the package.");
    }

    [Fact]
    public async Task Every_http_function_is_served_by_the_local_host_on_its_route_and_other_paths_are_404_problems()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { [SettingNames.LocalTriggers] = "false" });
        foreach (var function in FunctionIndex.All.Where(f => f.Trigger == TriggerKind.Http && f.Name != "RouteNotFoundHttp"))
        {
            var path = "/" + function.Route!.Replace("{id}", "x", StringComparison.Ordinal).Replace("{eventId}", "x", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(function.Methods[0]), path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
            using var response = await app.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            // The catch-all answers "Route ... was not found"; any other answer came from the function itself.
            Assert.DoesNotContain("Route " + function.Methods[0], body, StringComparison.Ordinal);
        }

        var (status, problem) = await app.Client.GetJsonAsync("/v1/no-such-thing");
        Assert.Equal((404, "NOT_FOUND"), (status, problem.Str("code")));
        Assert.Contains("GET /v1/no-such-thing", problem.Str("detail"), StringComparison.Ordinal);
        var (outside, _) = await app.Client.GetJsonAsync("/not-the-api");
        Assert.Equal(404, outside);
    }

    [Fact]
    public void Every_function_class_is_built_by_the_workers_container_as_the_functions_host_would_run_it()
    {
        var settings = AppSettings.Load(new Dictionary<string, string?> { [SettingNames.Storage] = "UseDevelopmentStorage=true" }, hosted: true);
        using var host = WorkerHost.Build(settings);

        Assert.True(settings.HostedByFunctions);
        foreach (var type in FunctionIndex.All.Where(f => !f.Method.IsStatic).Select(f => f.Type).Distinct())
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(host.Services, type));
        }

        Assert.NotNull(ActivatorUtilities.CreateInstance<ApiWorkerMiddleware>(host.Services));
        Assert.NotNull(host.Services.GetRequiredService<StorageAccount>());
    }

    [Fact]
    public void Host_json_declares_the_queue_semantics_the_host_honours_and_no_route_prefix()
    {
        var host = HostJson.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));

        Assert.Equal(string.Empty, host.RoutePrefix);
        Assert.Equal(5, host.MaxDequeueCount);
        Assert.True(host.Base64Messages);
        Assert.InRange(host.QueueBatchSize, 1, 32);
        Assert.InRange(host.QueueNewBatchThreshold, 0, host.QueueBatchSize);
    }

    private static JsonNode Trigger(JsonNode function) =>
        function["bindings"]!.AsArray().Single(b => ((string?)b!["type"])!.EndsWith("Trigger", StringComparison.Ordinal))!;

    private static (string?, string) Http(JsonNode function) =>
        ((string?)Trigger(function)["route"], string.Join(',', Trigger(function)["methods"]!.AsArray().Select(m => m!.GetValue<string>())));

    /// <summary>The packaging command, into a fresh folder: the same output zip deploy and <c>func start</c> use.</summary>
    private static async Task<string> PublishAsync()
    {
        var output = Directory.CreateTempSubdirectory("unitpay-publish-").FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoRoot() };
        foreach (var arg in new[] { "publish", "functions", "-c", "Release", "--no-restore", "-o", output, "-v", "quiet", "-nologo" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"dotnet publish failed ({process.ExitCode}): {await stdout}{await stderr}");
        return output;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UnitPay.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (UnitPay.Functions.sln) is not above the test assembly.");
    }
}
