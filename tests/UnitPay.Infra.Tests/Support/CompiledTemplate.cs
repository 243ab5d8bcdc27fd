using System.Text.Json.Nodes;
using UnitPay.Infra.Tests.Arm;

namespace UnitPay.Infra.Tests.Support;

/// <summary>
/// infra/main.bicep built once by the real Bicep CLI, with infra/main.bicepparam, shared by the template tests.
/// </summary>
public sealed class CompiledTemplate : IAsyncLifetime
{
    public const string MainBicep = "infra/main.bicep";
    public const string MainParameters = "infra/main.bicepparam";

    public BicepResult Build { get; private set; } = null!;

    public BicepResult BuildParameters { get; private set; } = null!;

    /// <summary>The ARM JSON that <c>bicep build</c> wrote.</summary>
    public string Json => Build.StandardOutput;

    public JsonObject Template { get; private set; } = null!;

    /// <summary>The values infra/main.bicepparam sets.</summary>
    public IReadOnlyDictionary<string, object?> ParameterFileValues { get; private set; } = null!;

    /// <summary>What a deployment with infra/main.bicepparam would create.</summary>
    public ArmDeployment Deployment { get; private set; } = null!;

    /// <summary>What a deployment with no parameters at all (every template default) would create.</summary>
    public ArmDeployment DefaultDeployment { get; private set; } = null!;

    /// <summary>What a deployment would create with these parameters over the parameter file's.</summary>
    public ArmDeployment DeployWith(IReadOnlyDictionary<string, object?> overrides)
    {
        var merged = new Dictionary<string, object?>(ParameterFileValues, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in overrides)
        {
            merged[name] = value;
        }

        return ArmDeployment.Expand(Template, merged);
    }

    public async Task InitializeAsync()
    {
        var build = BicepCli.RunAsync("build", MainBicep, "--stdout");
        var buildParameters = BicepCli.RunAsync("build-params", MainParameters, "--stdout");
        Build = await build;
        BuildParameters = await buildParameters;
        if (Build.ExitCode != 0 || BuildParameters.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep failed:\n{Build.Transcript}\n{BuildParameters.Transcript}");
        }

        Template = JsonNode.Parse(Json)!.AsObject();
        var parametersJson = JsonNode.Parse(BuildParameters.StandardOutput)!["parametersJson"]!.GetValue<string>();
        ParameterFileValues = JsonNode.Parse(parametersJson)!["parameters"]!.AsObject()
            .ToDictionary(p => p.Key, p => ArmValues.FromJson(p.Value!["value"]), StringComparer.OrdinalIgnoreCase);
        Deployment = ArmDeployment.Expand(Template, ParameterFileValues);
        DefaultDeployment = ArmDeployment.Expand(Template, new Dictionary<string, object?>());
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
