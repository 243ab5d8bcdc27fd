namespace UnitPay.Infra.Tests.Support;

/// <summary>The repository checkout the tests run from: found by walking up from the test binaries.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    /// <summary>A path inside the repository, from segments relative to its root.</summary>
    public static string File(params string[] segments) => System.IO.Path.Combine([Path, .. segments]);

    public static string ReadText(params string[] segments) => System.IO.File.ReadAllText(File(segments));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "UnitPay.Functions.sln"))
                || System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "host.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No UnitPay.Functions.sln or host.json above {AppContext.BaseDirectory}.");
    }
}
