using System.Net;
using System.Text.Json.Nodes;
using UnitPay.Functions.Hosting;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Hosting;

/// <summary>The function.json files (written from the catalog) and the handler agree, and host.json declares the custom handler.</summary>
public sealed class FunctionMetadataTests
{
    [Fact]
    public void Written_function_json_files_match_the_catalog()
    {
        var folder = Directory.CreateTempSubdirectory("unitpay-functions-json-").FullName;
        FunctionJson.WriteAll(folder);

        Assert.Equal(FunctionCatalog.All.Select(f => f.Name).Order(), Directory.GetDirectories(folder).Select(Path.GetFileName).Order());
        foreach (var function in FunctionCatalog.All)
        {
            var binding = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, function.Name, "function.json")))!["bindings"]![0]!;
            Assert.Equal(function.BindingName, (string?)binding["name"]);
            switch (function.Trigger)
            {
                case TriggerKind.Http:
                    Assert.Equal("httpTrigger", (string?)binding["type"]);
                    Assert.Equal(function.Route, (string?)binding["route"]);
                    break;
                case TriggerKind.Queue:
                    Assert.Equal("queueTrigger", (string?)binding["type"]);
                    Assert.Equal($"%{function.QueueNameSetting}%", (string?)binding["queueName"]);
                    Assert.Equal("AzureWebJobsStorage", (string?)binding["connection"]);
                    break;
                case TriggerKind.Timer:
                    Assert.Equal("timerTrigger", (string?)binding["type"]);
                    Assert.Equal($"%{function.ScheduleSetting}%", (string?)binding["schedule"]);
                    Assert.False((bool)binding["runOnStartup"]!, "RunOnStartup is never on in committed config");
                    break;
            }
        }
    }

    [Fact]
    public async Task Every_function_in_the_catalog_has_a_handler_endpoint_and_no_endpoint_lacks_a_function()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_LOCAL_TRIGGERS"] = "false" });
        foreach (var function in FunctionCatalog.All)
        {
            if (function.Trigger == TriggerKind.Http)
            {
                // The forwarded path of a route the function serves must reach a real handler route (the fallback answers NOT_FOUND "Route ...").
                var path = "/" + function.Route!.Replace("{*path}", "credit-currencies", StringComparison.Ordinal);
                using var request = new HttpRequestMessage(new HttpMethod(function.Methods[0].ToUpperInvariant()), path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
                using var response = await app.Client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain("Route ", body, StringComparison.Ordinal);
            }
            else
            {
                using var response = await app.Client.PostAsync("/" + function.Name, new StringContent("""{"Data":{},"Metadata":{}}""", System.Text.Encoding.UTF8, "application/json"));
                Assert.NotEqual(HttpStatusCode.NotFound, response.StatusCode);
                Assert.NotEqual(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            }
        }

        // And the reverse: a POST to a name that is not a function is not served.
        using var unknown = await app.Client.PostAsync("/NoSuchFunction", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public void Host_json_declares_the_custom_handler_forwarding_and_queue_semantics()
    {
        var host = HostJson.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));

        Assert.Equal("UnitPay.Functions", host.CustomHandlerExecutable);
        Assert.True(host.EnableForwardingHttpRequest);
        Assert.Equal(string.Empty, host.RoutePrefix);
        Assert.Equal(5, host.MaxDequeueCount);
        Assert.True(host.Base64Messages);
        Assert.InRange(host.QueueBatchSize, 1, 32);
    }
}
