using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.Storage;
using UnitPay.Functions.Api;
using UnitPay.Functions.Configuration;
using UnitPay.Functions.Hosting;

namespace UnitPay.Functions.Worker;

/// <summary>
/// The app as the Functions host runs it: a .NET isolated worker with the ASP.NET Core integration. The host owns
/// triggers, routing and scale; the worker runs the <c>[Function]</c> methods with the app's services.
/// </summary>
public static class WorkerHost
{
    public static IHost Build(AppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var storage = settings.Storage ?? throw new SettingException(SettingNames.Storage, "is required under the Functions host.");
        var hostJson = HostJson.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));
        return new HostBuilder()
            .ConfigureFunctionsWebApplication(worker => worker.UseMiddleware<ApiWorkerMiddleware>())
            .ConfigureServices(services =>
            {
                services.AddUnitPay(settings, storage, hostJson);
                services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = ApiPipeline.MaxRequestBodyBytes);
                services.AddHostedService<StorageBootstrap>();
            })
            .Build();
    }

    /// <summary>Creates the tables and queues the app uses, and opens the bootstrap organization, before the first invocation.</summary>
    private sealed class StorageBootstrap(IServiceProvider services) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await UnitPayServices.EnsureStorageAsync(services, cancellationToken);
            await UnitPayServices.BootstrapAsync(services, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
