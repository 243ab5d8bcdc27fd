using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using UnitPay.Core.Organizations;
using UnitPay.Functions;
using UnitPay.Functions.Configuration;
using UnitPay.Functions.Hosting;
using UnitPay.Functions.Local;

namespace UnitPay.Testing;

/// <summary>
/// The real app, started in-process on a free loopback port against the shared Azurite, in its own storage
/// namespace, with a bootstrap key. Requests go over real HTTP.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, HttpClient client, string apiKey, StorageNamespace ns)
    {
        App = app;
        Client = client;
        ApiKey = apiKey;
        Storage = ns;
    }

    public WebApplication App { get; }

    /// <summary>A client that sends the bootstrap organization's key.</summary>
    public HttpClient Client { get; }

    public string ApiKey { get; }

    public StorageNamespace Storage { get; }

    public Uri BaseAddress => Client.BaseAddress!;

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>
    /// Runs a timer function now, in-process, as the local host's timer listener does (the same <c>[Function]</c>
    /// method, a fresh instance, its own scope); returns what the method returned.
    /// </summary>
    public Task<object?> RunTimerAsync(string functionName) =>
        Service<LocalFunctionInvoker>().InvokeTriggerAsync(FunctionIndex.Named(functionName), new TimerInfo(), CancellationToken.None);

    public static async Task<TestApp> StartAsync(
        Action<IServiceCollection>? configure = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        StorageNamespace? ns = null)
    {
        ns ??= StorageNamespace.Fresh();
        var key = ApiKeys.Generate();
        var values = new Dictionary<string, string?>
        {
            [SettingNames.Storage] = await SharedAzurite.ConnectionStringAsync(),
            [SettingNames.TablePrefix] = ns.TablePrefix,
            [SettingNames.UsageQueue] = ns.UsageQueue,
            [SettingNames.LocalPort] = "0",
            [SettingNames.BootstrapApiKey] = key,

            // Tests and benchmarks send faster than a real client would; the rate-limit tests set their own limits.
            [SettingNames.RateLimit] = "0",
            [SettingNames.TrackRateLimit] = "0",
            [SettingNames.SandboxWebhookQueue] = "sbx" + ns.UsageQueue, // the sandbox's webhooks, per test app
            [SettingNames.WebhookQueue] = "wh" + ns.UsageQueue, // outbound webhook deliveries, per test app
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            values[name] = value;
        }

        var app = await UnitPayApp.BuildAsync(AppSettings.Load(values), configure);
        await app.StartAsync();
        await UnitPayApp.BootstrapAsync(app, CancellationToken.None);
        var client = new HttpClient { BaseAddress = UnitPayApp.AddressOf(app) };
        client.DefaultRequestHeaders.Add("x-api-key", key);
        return new TestApp(app, client, key, ns);
    }

    /// <summary>A client for a second organization, created with the operator path (its own key).</summary>
    public async Task<HttpClient> SecondOrganizationAsync()
    {
        var (_, key) = await Service<OrganizationStore>().CreateAsync("Other org", CancellationToken.None);
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("x-api-key", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Small helpers for JSON over HTTP in tests.</summary>
public static class HttpJson
{
    public static async Task<(int Status, JsonNode? Body)> PostAsync(this HttpClient client, string path, object body, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static async Task<(int Status, JsonNode? Body)> PutJsonAsync(this HttpClient client, string path, object body)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.PutAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static async Task<(int Status, JsonNode? Body)> PostRawAsync(this HttpClient client, string path, string body, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(client);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, contentType);
        using var response = await client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static async Task<(int Status, JsonNode? Body)> GetJsonAsync(this HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static string Str(this JsonNode? node, string property) =>
        node?[property]?.GetValue<string>() ?? throw new JsonException($"No string '{property}' in {node?.ToJsonString()}");

    public static long Num(this JsonNode? node, string property) =>
        node?[property]?.GetValue<long>() ?? throw new JsonException($"No number '{property}' in {node?.ToJsonString()}");
}
