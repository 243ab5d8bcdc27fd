using UnitPay.Core.Organizations;
using UnitPay.Core.Storage;
using UnitPay.Functions;
using UnitPay.Functions.Configuration;
using UnitPay.Functions.Hosting;
using UnitPay.Functions.Local;
using UnitPay.Functions.Worker;

// Launched by the Functions host (Azure, or `func start`): an isolated worker; the host drives every trigger.
// Otherwise:
//   (none)                       the local host: the API on 7071, queue and timer functions, embedded Azurite
//   create-org --name <name>     create an organization and print its first secret key (operator command)
try
{
    if (WorkerLaunch.IsFunctionsHost(args))
    {
        using var worker = WorkerHost.Build(AppSettings.Load(hosted: true));
        await worker.RunAsync();
        return 0;
    }

    if (args is ["create-org", "--name", var orgName])
    {
        var opSettings = AppSettings.Load(localSettingsPath: LocalSettingsPath());
        if (opSettings.Storage is null)
        {
            Console.Error.WriteLine($"create-org needs storage: set {SettingNames.Storage} or {SettingNames.StorageAccountName}.");
            return 2;
        }

        var account = new StorageAccount(opSettings.Storage);
        await account.EnsureCreatedAsync(CancellationToken.None);
        var (org, newKey) = await new OrganizationStore(account, TimeProvider.System).CreateAsync(orgName, CancellationToken.None);
        Console.WriteLine($"organization: {org.Id} ({org.Name})");
        Console.WriteLine($"secret key:   {newKey}");
        Console.WriteLine("The key is shown once; only its hash is stored.");
        return 0;
    }

    if (args.Length > 0)
    {
        Console.Error.WriteLine("usage: UnitPay.Functions [create-org --name <name>]");
        return 2;
    }

    var settings = AppSettings.Load(localSettingsPath: LocalSettingsPath());
    var app = await UnitPayApp.BuildAsync(settings);
    await app.StartAsync();
    var key = await UnitPayApp.BootstrapAsync(app, CancellationToken.None);
    {
        var azurite = app.Services.GetService<AzuriteProcess>();
        Console.WriteLine();
        Console.WriteLine("UnitPay Functions (local host: a development stand-in for the Functions host)");
        Console.WriteLine($"  API:      {UnitPayApp.AddressOf(app).ToString().TrimEnd('/')}/v1  (try /v1/health)");
        Console.WriteLine(azurite is null
            ? "  Storage:  configured by " + (settings.Storage!.UsesIdentity ? SettingNames.StorageAccountName : SettingNames.Storage)
            : $"  Storage:  embedded Azurite, in memory (blob {azurite.BlobPort}, queue {azurite.QueuePort}, table {azurite.TablePort})");
        Console.WriteLine($"  API key:  {key}" + (settings.BootstrapApiKey is null ? $"  (fresh for this run; set {SettingNames.BootstrapApiKey} to keep one)" : string.Empty));
        Console.WriteLine($"  Functions: {FunctionIndex.All.Count(f => f.Trigger == TriggerKind.Http)} HTTP; triggers: {(settings.LocalTriggers ? string.Join(", ", FunctionIndex.All.Where(f => f.Trigger != TriggerKind.Http).Select(f => f.Name)) : "off")}");
        Console.WriteLine("  Ctrl-C stops the app and everything it started.");
        Console.WriteLine();
    }

    await app.WaitForShutdownAsync();
    await app.DisposeAsync();
    return 0;
}
catch (SettingException e)
{
    Console.Error.WriteLine("Configuration error: " + e.Message);
    return 2;
}

// local.settings.json sits beside host.json in the function app's root: the working directory or one above it.
static string? LocalSettingsPath()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "host.json")))
        {
            return Path.Combine(dir.FullName, "local.settings.json");
        }
    }

    return null;
}
