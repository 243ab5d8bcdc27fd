using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace UnitPay.Functions.Local;

/// <summary>
/// Azurite, the Azure Storage emulator, started from the repository's <c>node_modules</c> (installed by <c>npm ci</c>),
/// in memory, on loopback ports. Used by the local run when no storage is configured and by the tests' fixture.
/// Disposing it stops the emulator and everything it started.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account. Its key is public (documented), not a secret.</summary>
    private const string DevAccount = "devstoreaccount1";
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public int ProcessId => _process.Id;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={DevAccount};AccountKey={DevKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{DevAccount};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{DevAccount};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{DevAccount};";

    /// <summary>
    /// Starts Azurite and waits until all three services accept connections. Uses the default ports (10000-10002)
    /// when <paramref name="preferDefaultPorts"/> and they are free, otherwise free ports.
    /// </summary>
    public static async Task<AzuriteProcess> StartAsync(bool preferDefaultPorts, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var script = FindAzuriteScript()
            ?? throw new FileNotFoundException("Azurite is not installed: run `npm ci` in the repository root (it installs Azurite into node_modules).");
        int blob, queue, table;
        if (preferDefaultPorts && IsFree(10000) && IsFree(10001) && IsFree(10002))
        {
            (blob, queue, table) = (10000, 10001, 10002);
        }
        else
        {
            (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            script, "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--silent",
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var azurite = new AzuriteProcess(process, blob, queue, table);
        var waited = Stopwatch.StartNew(); // a real wait for a real process: wall time, not the app's clock
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                string text;
                lock (errors)
                {
                    text = errors.ToString();
                }

                throw new InvalidOperationException($"Azurite exited at start (code {process.ExitCode}): {text}");
            }

            if (await AnswersAsync(blob) && await AnswersAsync(queue) && await AnswersAsync(table))
            {
                return azurite;
            }

            if (waited.Elapsed > timeout)
            {
                await azurite.DisposeAsync();
                throw new TimeoutException($"Azurite did not answer on ports {blob}, {queue}, {table} within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    /// <summary>Finds <c>node_modules/azurite/dist/src/azurite.js</c> from the working directory or the app's folder upwards.</summary>
    public static string? FindAzuriteScript()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "node_modules", "azurite", "dist", "src", "azurite.js");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
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
}
