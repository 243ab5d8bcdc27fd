using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using UnitPay.Functions.Local;

namespace UnitPay.Benchmarks.Report;

/// <summary>What the figures were measured on: they mean little without it.</summary>
internal sealed record MachineInfo(int Cores, string Cpu, string Os, string DotNet, string Node, string Azurite)
{
    public static async Task<MachineInfo> DescribeAsync() => new(
        Environment.ProcessorCount,
        CpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        await NodeVersionAsync(),
        AzuriteVersion());

    public override string ToString() =>
        $"{Cores} cores ({Cpu}), {Os}, {DotNet}, Node {Node}, Azurite {Azurite} (in memory)";

    private static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        var line = File.Exists(cpuinfo) ? File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static async Task<string> NodeVersionAsync()
    {
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            if (node is null)
            {
                return "?";
            }

            var version = await node.StandardOutput.ReadToEndAsync();
            await node.WaitForExitAsync();
            return version.Trim().TrimStart('v');
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    private static string AzuriteVersion()
    {
        // node_modules/azurite/dist/src/azurite.js -> node_modules/azurite/package.json
        var script = AzuriteProcess.FindAzuriteScript();
        var package = script is null ? null : Path.Combine(Path.GetDirectoryName(script)!, "..", "..", "package.json");
        if (package is null || !File.Exists(package))
        {
            return "?";
        }

        using var json = JsonDocument.Parse(File.ReadAllText(package));
        return json.RootElement.TryGetProperty("version", out var v) ? v.GetString() ?? "?" : "?";
    }
}
