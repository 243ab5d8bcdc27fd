using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Local;

/// <summary>The local run as a user starts it: no storage configured, so it starts its own Azurite; Ctrl-C stops both.</summary>
public sealed partial class RunCommandTests
{
    [Fact]
    public async Task The_app_serves_health_on_embedded_azurite_and_ctrl_c_leaves_nothing_running()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory.CreateTempSubdirectory("unitpay-run-").FullName, // no local.settings.json here
        };
        start.ArgumentList.Add(typeof(UnitPayApp).Assembly.Location);
        foreach (var name in new[] { "AzureWebJobsStorage", "AzureWebJobsStorage__accountName", "UNITPAY_BOOTSTRAP_API_KEY", "UNITPAY_TABLE_PREFIX" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["UNITPAY_LOCAL_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var status = await Poll.UntilAsync(
                async () =>
                {
                    try
                    {
                        return (int)(await http.GetAsync("/v1/health")).StatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return 0;
                    }
                },
                s => s == 200 || process.HasExited,
                TimeSpan.FromSeconds(60),
                "the run command to serve /v1/health");
            Assert.Equal(200, status);

            // The banner names the key in use and the embedded Azurite's ports; the key opens the API.
            var banner = await Poll.UntilAsync(() => Task.FromResult(Text(output)), t => t.Contains("Ctrl-C", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the banner");
            var key = KeyLine().Match(banner).Groups[1].Value;
            var tablePort = int.Parse(TableLine().Match(banner).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            http.DefaultRequestHeaders.Add("x-api-key", key);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/credit-currencies")).StatusCode);
            Assert.True(await AnswersAsync(tablePort));

            // Ctrl-C.
            using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(exited.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.False(await AnswersAsync(port), "the handler still listens");
            Assert.False(await AnswersAsync(tablePort), "Azurite still listens");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static string Text(System.Text.StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"API key:\s+(upay_sk_\w+)")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"table (\d+)\)")]
    private static partial Regex TableLine();
}
